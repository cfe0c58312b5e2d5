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

public enum NameKind
{
    User,
    Queue,
    WrapUpCode,
}

/// <summary>Users, queues and wrap-up codes by id and by name, cached for the session. Ids resolve in bulk
/// (one request per kind for a whole page of records, ?id=a&amp;id=b …; deleted users included); a name an admin
/// types resolves to its id, or to an error that says what exists.</summary>
public sealed class NameResolver
{
    private readonly GenesysApi _api;
    private readonly Dictionary<NameKind, ConcurrentDictionary<string, string?>> _names;
    private readonly ConcurrentDictionary<NameKind, bool> _denied = new ConcurrentDictionary<NameKind, bool>();

    public NameResolver(GenesysApi api)
    {
        _api = api;
        _names = Enum.GetValues(typeof(NameKind)).Cast<NameKind>()
            .ToDictionary(k => k, _ => new ConcurrentDictionary<string, string?>(StringComparer.OrdinalIgnoreCase));
        Completions = new NameCompletions(api, (kind, id, name) => _names[kind][id] = name);
    }

    /// <summary>Names that start with what was typed, for tab completion (cached like the rest).</summary>
    public NameCompletions Completions { get; }

    public string? NameOf(NameKind kind, string? id) =>
        id != null && _names[kind].TryGetValue(id, out var name) ? name : null;

    /// <summary>Looks up every id not yet cached, in bulk; ids the API does not know stay unnamed. A missing
    /// permission is reported once as a warning, and the records keep their ids.</summary>
    public async Task ResolveAsync(NameKind kind, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var cache = _names[kind];
        // The cache first: most ids of a page were named by an earlier one, and a lookup is cheaper than parsing a GUID.
        var missing = ids.Where(id => !string.IsNullOrEmpty(id) && !cache.ContainsKey(id!) && IsGuid(id!))
            .Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count == 0 || _denied.ContainsKey(kind)) return;
        foreach (var chunk in Chunk(missing, RoutingApi.PageSize))
        {
            try
            {
                var page = await GetByIdsAsync(kind, chunk, cancellationToken).ConfigureAwait(false);
                foreach (var entity in Named(page.Entities)) cache[entity.Id] = entity.Name;
            }
            catch (GenesysApiException e) when (e.Kind == GenesysErrorKind.PermissionDenied)
            {
                if (_denied.TryAdd(kind, true))
                    OperationContext.Observer.Warning($"{kind} names are not shown: {e.Message}");
                return;
            }
            foreach (var id in chunk) cache.TryAdd(id, null);   // unknown to the API: do not ask again
        }
    }

    /// <summary>Names the ids of several kinds at once: each kind's look-ups go out together, so the records that wait for
    /// them wait for one round trip, not one per kind.</summary>
    public Task ResolveAllAsync<TIds>(IEnumerable<(NameKind Kind, TIds Ids)> idsByKind, CancellationToken cancellationToken)
        where TIds : IEnumerable<string?> =>
        Task.WhenAll(idsByKind.Select(k => ResolveAsync(k.Kind, k.Ids, cancellationToken)));

    /// <summary>The id of a queue / wrap-up code / user given by id or by name (exact, case-insensitive).</summary>
    public async Task<string> IdForAsync(NameKind kind, string nameOrId, CancellationToken cancellationToken)
    {
        var value = nameOrId.Trim();
        if (IsGuid(value)) return value;
        var matches = await FindByNameAsync(kind, value, cancellationToken).ConfigureAwait(false);
        var exact = matches.Where(m => string.Equals(m.Name, value, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            _names[kind][exact[0].Id] = exact[0].Name;
            return exact[0].Id;
        }
        var noun = Noun(kind);
        if (exact.Count > 1)
            throw new ArgumentException(
                $"{exact.Count} {noun}s are named '{value}' ({string.Join(", ", exact.Select(m => m.Id))}); pass the id instead.");
        var similar = matches.Select(m => m.Name).Where(n => n != null).Take(5).ToList();
        throw new ArgumentException($"No {noun} is named '{value}'." +
            (similar.Count > 0 ? $" Similar: {string.Join(", ", similar.Select(n => "'" + n + "'"))}." : "") +
            $" Check the spelling, or pass the {noun}'s id.");
    }

    /// <summary>The ids of several names or ids of one kind, in order.</summary>
    public async Task<List<string>> IdsForAsync(NameKind kind, IEnumerable<string> namesOrIds, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var value in namesOrIds) ids.Add(await IdForAsync(kind, value, cancellationToken).ConfigureAwait(false));
        return ids;
    }

    private Task<EntityListing<NamedEntity>> GetByIdsAsync(NameKind kind, List<string> ids, CancellationToken cancellationToken) =>
        kind switch
        {
            NameKind.User => _api.Users.GetUsersAsync(ids, cancellationToken),
            NameKind.Queue => _api.Routing.GetQueuesAsync(ids, cancellationToken),
            _ => _api.Routing.GetWrapupCodesAsync(ids, cancellationToken),
        };

    private async Task<List<(string Id, string? Name)>> FindByNameAsync(NameKind kind, string name, CancellationToken cancellationToken)
    {
        if (kind != NameKind.User)
        {
            var page = kind == NameKind.Queue
                ? await _api.Routing.GetQueuesByNameAsync(name + "*", cancellationToken).ConfigureAwait(false)
                : await _api.Routing.GetWrapupCodesByNameAsync(name + "*", cancellationToken).ConfigureAwait(false);
            return Named(page.Entities).ToList();
        }
        // GET /users has no name filter; the search API matches names (and e-mail addresses) exactly.
        var search = new UserSearchRequest
        {
            Query =
            {
                new UserSearchCriteria { Fields = new List<string> { "name", "email" }, Value = name, Type = "EXACT" },
                new UserSearchCriteria
                {
                    Fields = new List<string> { "state" }, Values = new List<string> { "active", "inactive", "deleted" }, Type = "EXACT",
                },
            },
            PageSize = 25,
            PageNumber = 1,
        };
        var results = Named((await _api.Users.PostUsersSearchAsync(search, cancellationToken).ConfigureAwait(false)).Results).ToList();
        // A search by e-mail returns the user whose address it is: accept that as the exact match.
        return results.Count == 1 && name.Contains("@") ? new List<(string, string?)> { (results[0].Id, name) } : results;
    }

    private static IEnumerable<(string Id, string? Name)> Named(IEnumerable<NamedEntity>? entities) =>
        (entities ?? Enumerable.Empty<NamedEntity>()).Where(e => e.Id != null).Select(e => (e.Id!, e.Name));

    public static bool IsGuid(string value) => Guid.TryParse(value, out _);

    private static string Noun(NameKind kind) => kind switch
    {
        NameKind.User => "user",
        NameKind.Queue => "queue",
        _ => "wrap-up code",
    };

    private static IEnumerable<List<string>> Chunk(List<string> items, int size)
    {
        for (var i = 0; i < items.Count; i += size) yield return items.GetRange(i, Math.Min(size, items.Count - i));
    }
}
