using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Names;

/// <summary>Names of users, queues and wrap-up codes that start with what was typed, for tab completion: one request
/// (one page) per kind and prefix, cached for the session. A request still running when completion stops waiting goes
/// on, for at most <see cref="FetchLimit"/>, and answers the next Tab; one that fails is forgotten, so the next Tab
/// asks again.</summary>
public sealed class NameCompletions
{
    /// <summary>The longest a look-up may run, retries and waits included.</summary>
    public static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(10);

    private readonly GenesysApi _api;
    private readonly Action<NameKind, string, string> _remember;
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _cache =
        new ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>>(StringComparer.OrdinalIgnoreCase);

    internal NameCompletions(GenesysApi api, Action<NameKind, string, string> remember)
    {
        _api = api;
        _remember = remember;
    }

    /// <summary>The names (sorted, distinct) of one kind that start with <paramref name="prefix"/>; every name when it
    /// is empty (the first page).</summary>
    public Task<IReadOnlyList<string>> StartingWithAsync(NameKind kind, string prefix)
    {
        var key = kind + "|" + prefix;
        var entry = _cache.GetOrAdd(key, _ => new Lazy<Task<IReadOnlyList<string>>>(() => FetchAsync(kind, prefix)));
        var task = entry.Value;
        task.ContinueWith(
            _ => ((ICollection<KeyValuePair<string, Lazy<Task<IReadOnlyList<string>>>>>)_cache)
                .Remove(new KeyValuePair<string, Lazy<Task<IReadOnlyList<string>>>>(key, entry)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
    }

    private async Task<IReadOnlyList<string>> FetchAsync(NameKind kind, string prefix)
    {
        OperationContext.Use(null);   // no cmdlet is listening: nothing to report to
        using var limit = new CancellationTokenSource(FetchLimit);
        IEnumerable<NamedEntity>? found;
        var (routing, pattern, token) = (_api.Routing, Pattern(prefix), limit.Token);
        try
        {
            found = kind switch
            {
                NameKind.Queue => (await routing.GetQueuesByNameAsync(pattern, token).ConfigureAwait(false)).Entities,
                NameKind.WrapUpCode => (await routing.GetWrapupCodesByNameAsync(pattern, token).ConfigureAwait(false)).Entities,
                _ => (await _api.Users.PostUsersSearchAsync(UsersStartingWith(prefix), token).ConfigureAwait(false)).Results,
            };
        }
        catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.PermissionDenied)
        {
            return Array.Empty<string>();   // not allowed to list them: nothing to offer, and nothing to ask again
        }
        var named = (found ?? Enumerable.Empty<NamedEntity>())
            .Where(e => e.Id != null && !string.IsNullOrEmpty(e.Name)).ToList();
        foreach (var entity in named) _remember(kind, entity.Id!, entity.Name!);
        return named.Select(e => e.Name!).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The routing API's name filter: a trailing * matches the start (docs/genesys-api.md §6); none lists all.</summary>
    private static string? Pattern(string prefix) => prefix.Length == 0 ? null : prefix + "*";

    /// <summary>Active and inactive users whose name starts with the prefix (the search API's STARTS_WITH).</summary>
    private static UserSearchRequest UsersStartingWith(string prefix)
    {
        var request = new UserSearchRequest { PageSize = RoutingApi.PageSize, PageNumber = 1 };
        if (prefix.Length > 0)
            request.Query.Add(new UserSearchCriteria { Fields = new List<string> { "name" }, Value = prefix, Type = "STARTS_WITH" });
        request.Query.Add(new UserSearchCriteria
        {
            Fields = new List<string> { "state" }, Values = new List<string> { "active", "inactive" }, Type = "EXACT",
        });
        return request;
    }
}
