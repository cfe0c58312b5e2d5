using System.Globalization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>The platform's entity-listing envelope (UserEntityListing, QueueEntityListing, …).</summary>
public sealed record EntityListing<T>(
    IReadOnlyList<T> Entities,
    int PageSize,
    int PageNumber,
    long Total,
    string FirstUri,
    string SelfUri,
    string? NextUri,
    string? PreviousUri,
    string LastUri,
    int PageCount);

/// <summary>Paging, id lists, name matching and the listing + get-by-id pair shared by the GET listing endpoints.</summary>
public static class Listing
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 500;

    /// <summary>
    /// Maps GET <paramref name="path"/> (one page of what <paramref name="select"/> filters and orders by the query
    /// string) and GET <paramref name="path"/>/{id} (that entity, else 404), both behind <paramref name="permissions"/>.
    /// </summary>
    public static void MapListingWithLookup<T>(this IEndpointRouteBuilder app, string path,
        Func<HttpContext, SyntheticOrg, List<T>> select, Func<SyntheticOrg, string, T?> find, params string[] permissions)
        where T : class
    {
        var listing = app.MapGet(path, (HttpContext ctx, SyntheticOrg org) => PageOf(ctx, () => select(ctx, org)));
        var lookup = app.MapGet(path + "/{id}", (HttpContext ctx, string id, SyntheticOrg org)
            => find(org, id) is { } entity ? Results.Json(entity, Json.Options) : ErrorBodies.NotFound(ctx));
        if (permissions.Length == 0) return; // an empty requirement would deny every caller
        listing.RequireAnyPermission(permissions);
        lookup.RequireAnyPermission(permissions);
    }

    /// <summary>The requested page of <paramref name="select"/>'s entities, or the paging error.</summary>
    public static IResult PageOf<T>(HttpContext ctx, Func<IReadOnlyList<T>> select)
    {
        if (ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
        return Results.Json(Page(ctx, select(), pageSize, pageNumber), Json.Options);
    }

    /// <summary>Reads pageSize/pageNumber; returns an error result when they are out of range.</summary>
    public static IResult? ReadPaging(HttpContext ctx, out int pageSize, out int pageNumber)
    {
        pageSize = DefaultPageSize;
        pageNumber = 1;
        var q = ctx.Request.Query;
        if (q.TryGetValue("pageSize", out var ps) && !string.IsNullOrEmpty(ps.ToString()))
        {
            if (!TryParseInt(ps.ToString(), out pageSize) || pageSize < 1 || pageSize > MaxPageSize)
                return ErrorBodies.BadRequest(ctx, $"Invalid value for pageSize. Value must be between 1 and {MaxPageSize}.");
        }

        if (q.TryGetValue("pageNumber", out var pn) && !string.IsNullOrEmpty(pn.ToString()))
        {
            if (!TryParseInt(pn.ToString(), out pageNumber) || pageNumber < 1)
                return ErrorBodies.BadRequest(ctx, "Invalid value for pageNumber. Value must be 1 or greater.");
        }

        return null;
    }

    private static bool TryParseInt(string text, out int value)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    /// <summary>Values of a repeated query parameter (?id=a&amp;id=b), also accepting comma-separated lists.</summary>
    public static HashSet<string> Multi(HttpContext ctx, string name)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in ctx.Request.Query[name])
        {
            if (v is null) continue;
            foreach (var part in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) set.Add(part);
        }

        return set;
    }

    /// <summary>Case-insensitive name match with optional leading/trailing '*' wildcards (as the queues endpoint allows).</summary>
    public static bool NameMatches(string name, string pattern)
    {
        var starts = pattern.StartsWith('*');
        var ends = pattern.EndsWith('*') && pattern.Length > 1;
        var core = pattern.Trim('*');
        if (core.Length == 0) return true;
        return (starts, ends) switch
        {
            (true, true) => name.Contains(core, StringComparison.OrdinalIgnoreCase),
            (true, false) => name.EndsWith(core, StringComparison.OrdinalIgnoreCase),
            (false, true) => name.StartsWith(core, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(name, core, StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>True for ?sortOrder=desc… (any case).</summary>
    public static bool Descending(HttpContext ctx)
        => ctx.Request.Query["sortOrder"].ToString().StartsWith("desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The filters and order the org listings share: ?id= (repeated or comma list), ?name= (leading/trailing *),
    /// ?divisionId= when the entity has a <paramref name="division"/>, ascending <paramref name="sortKey"/> or, when
    /// <paramref name="sortable"/>, the ?sortOrder= asked for.
    /// </summary>
    public static List<T> Select<T>(HttpContext ctx, IEnumerable<T> items, Func<T, string> id, Func<T, string> name,
        Func<T, string> sortKey, Func<T, string>? division = null, bool sortable = true)
    {
        var ids = Multi(ctx, "id");
        var divisions = Multi(ctx, "divisionId");
        var pattern = ctx.Request.Query["name"].ToString();
        var matches = items
            .Where(x => ids.Count == 0 || ids.Contains(id(x)))
            .Where(x => division is null || divisions.Count == 0 || divisions.Contains(division(x)))
            .Where(x => pattern.Length == 0 || NameMatches(name(x), pattern));
        var ordered = sortable && Descending(ctx)
            ? matches.OrderByDescending(sortKey, StringComparer.OrdinalIgnoreCase)
            : matches.OrderBy(sortKey, StringComparer.OrdinalIgnoreCase);
        return ordered.ToList();
    }

    public static EntityListing<T> Page<T>(HttpContext ctx, IReadOnlyList<T> all, int pageSize, int pageNumber)
    {
        var total = all.Count;
        var pageCount = (int)Math.Ceiling(total / (double)pageSize);
        var entities = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
        string Uri(int n) => BuildUri(ctx, pageSize, n);
        return new EntityListing<T>(
            entities, pageSize, pageNumber, total,
            FirstUri: Uri(1),
            SelfUri: Uri(pageNumber),
            NextUri: pageNumber < pageCount ? Uri(pageNumber + 1) : null,
            PreviousUri: pageNumber > 1 ? Uri(pageNumber - 1) : null,
            LastUri: Uri(Math.Max(1, pageCount)),
            PageCount: pageCount);
    }

    private static string BuildUri(HttpContext ctx, int pageSize, int pageNumber)
    {
        var parts = new List<string>
        {
            $"pageSize={pageSize.ToString(CultureInfo.InvariantCulture)}",
            $"pageNumber={pageNumber.ToString(CultureInfo.InvariantCulture)}",
        };
        foreach (var (key, values) in ctx.Request.Query)
        {
            if (IsPagingKey(key)) continue;
            foreach (var v in values) parts.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(v ?? string.Empty)}");
        }

        return $"{ctx.Request.Path.Value}?{string.Join('&', parts)}";
    }

    private static bool IsPagingKey(string key)
        => key.Equals("pageSize", StringComparison.OrdinalIgnoreCase) || key.Equals("pageNumber", StringComparison.OrdinalIgnoreCase);
}
