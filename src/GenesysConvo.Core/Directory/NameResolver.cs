using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Directory;

/// <summary>Users, queues and wrap-up codes by id and by name, cached for the session. Ids resolve in bulk
/// (one request per kind for a whole page of records, ?id=a&amp;id=b …; deleted users included); a name an admin
/// types resolves to its id, or to an error that says what exists.</summary>
public sealed class NameResolver
{
    private const int IdsPerRequest = 100;
    private readonly GenesysConnection _connection;
    private readonly Dictionary<DirectoryKind, ConcurrentDictionary<string, string?>> _names;
    private readonly ConcurrentDictionary<DirectoryKind, bool> _denied = new ConcurrentDictionary<DirectoryKind, bool>();

    public NameResolver(GenesysConnection connection)
    {
        _connection = connection;
        _names = Enum.GetValues(typeof(DirectoryKind)).Cast<DirectoryKind>()
            .ToDictionary(k => k, _ => new ConcurrentDictionary<string, string?>(StringComparer.OrdinalIgnoreCase));
    }

    public string? NameOf(DirectoryKind kind, string? id) =>
        id != null && _names[kind].TryGetValue(id, out var name) ? name : null;

    /// <summary>Looks up every id not yet cached, in bulk; ids the API does not know stay unnamed. A missing
    /// permission is reported once as a warning, and the records keep their ids.</summary>
    public async Task ResolveAsync(DirectoryKind kind, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var cache = _names[kind];
        var missing = ids.Where(id => !string.IsNullOrEmpty(id) && IsGuid(id!) && !cache.ContainsKey(id!)).Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (missing.Count == 0 || _denied.ContainsKey(kind)) return;
        foreach (var chunk in Chunk(missing, IdsPerRequest))
        {
            var query = string.Join("&", chunk.Select(id => "id=" + Uri.EscapeDataString(id)));
            var path = kind switch
            {
                DirectoryKind.User => $"/api/v2/users?{query}&state=any&pageSize={IdsPerRequest}",
                DirectoryKind.Queue => $"/api/v2/routing/queues?{query}&pageSize={IdsPerRequest}",
                _ => $"/api/v2/routing/wrapupcodes?{query}&pageSize={IdsPerRequest}",
            };
            try
            {
                using var page = await _connection.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
                foreach (var entity in Entities(page.RootElement)) cache[entity.Id] = entity.Name;
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

    /// <summary>The id of a queue / wrap-up code / user given by id or by name (exact, case-insensitive).</summary>
    public async Task<string> IdForAsync(DirectoryKind kind, string nameOrId, CancellationToken cancellationToken)
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
            throw new ArgumentException($"{exact.Count} {noun}s are named '{value}' ({string.Join(", ", exact.Select(m => m.Id))}); pass the id instead.");
        var similar = matches.Select(m => m.Name).Where(n => n != null).Take(5).ToList();
        throw new ArgumentException($"No {noun} is named '{value}'." +
            (similar.Count > 0 ? $" Similar: {string.Join(", ", similar.Select(n => "'" + n + "'"))}." : "") +
            $" Check the spelling, or pass the {noun}'s id.");
    }

    private async Task<List<(string Id, string? Name)>> FindByNameAsync(DirectoryKind kind, string name, CancellationToken cancellationToken)
    {
        if (kind == DirectoryKind.User)
        {
            // GET /users has no name filter; the search API matches names (and e-mail addresses) exactly.
            var body = JsonSerializer.Serialize(new
            {
                query = new object[]
                {
                    new { fields = new[] { "name", "email" }, value = name, type = "EXACT" },
                    new { fields = new[] { "state" }, values = new[] { "active", "inactive", "deleted" }, type = "EXACT" },
                },
                pageSize = 25,
                pageNumber = 1,
            });
            var response = await _connection.SendAsync(System.Net.Http.HttpMethod.Post, "/api/v2/users/search", body, cancellationToken).ConfigureAwait(false);
            using var found = JsonDocument.Parse(response.Body);
            var results = Entities(found.RootElement, "results").ToList();
            // A search by e-mail returns the user whose address it is: accept that as the exact match.
            return results.Count == 1 && name.Contains("@") ? new List<(string, string?)> { (results[0].Id, name) } : results;
        }
        var path = (kind == DirectoryKind.Queue ? "/api/v2/routing/queues" : "/api/v2/routing/wrapupcodes") +
                   $"?name={Uri.EscapeDataString(name + "*")}&pageSize=100";
        using var page = await _connection.GetJsonAsync(path, cancellationToken).ConfigureAwait(false);
        return Entities(page.RootElement).ToList();
    }

    private static IEnumerable<(string Id, string? Name)> Entities(JsonElement root, string property = "entities")
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(property, out var entities) || entities.ValueKind != JsonValueKind.Array) yield break;
        foreach (var entity in entities.EnumerateArray())
        {
            if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String) continue;
            var name = entity.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            yield return (id.GetString()!, name);
        }
    }

    public static bool IsGuid(string value) => Guid.TryParse(value, out _);

    private static string Noun(DirectoryKind kind) => kind switch
    {
        DirectoryKind.User => "user",
        DirectoryKind.Queue => "queue",
        _ => "wrap-up code",
    };

    private static IEnumerable<List<string>> Chunk(List<string> items, int size)
    {
        for (var i = 0; i < items.Count; i += size) yield return items.GetRange(i, Math.Min(size, items.Count - i));
    }
}

public enum DirectoryKind
{
    User,
    Queue,
    WrapUpCode,
}
