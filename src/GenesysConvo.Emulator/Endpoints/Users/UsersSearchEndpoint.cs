using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Users;

/// <summary>
/// POST /api/v2/users/search (permission directory:user:view): UserSearchRequest {query:[{fields, value|values, type}],
/// pageSize, pageNumber} → UsersSearchResponse {total, pageCount, pageSize, pageNumber, results} — note "results",
/// not "entities". Criteria are ANDed; types EXACT, CONTAINS, STARTS_WITH on name, email, username and state.
/// Without a state criterion the search returns active users only, as the real one does.
/// </summary>
public static class UsersSearchEndpoint
{
    private static readonly string[] Fields = ["name", "email", "username", "state", "id"];
    private static readonly string[] Types = ["EXACT", "CONTAINS", "STARTS_WITH"];

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPost("/api/v2/users/search", Search).RequireAnyPermission("directory:user:view");

    private static async Task<IResult> Search(HttpContext ctx, SyntheticOrg org)
    {
        JsonElement body;
        try { body = (await JsonDocument.ParseAsync(ctx.Request.Body)).RootElement.Clone(); }
        catch (JsonException) { return ErrorBodies.BadRequest(ctx, "The request body is not valid JSON."); }
        var pageSize = body.TryGetProperty("pageSize", out var ps) && ps.TryGetInt32(out var s) ? s : 25;
        var pageNumber = body.TryGetProperty("pageNumber", out var pn) && pn.TryGetInt32(out var n) ? n : 1;
        if (pageSize is < 1 or > 100 || pageNumber < 1)
            return ErrorBodies.BadRequest(ctx, "pageSize must be 1 to 100 and pageNumber at least 1.");

        var users = org.Users.AsEnumerable();
        var stateGiven = false;
        if (body.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.Array)
        {
            foreach (var criterion in query.EnumerateArray())
            {
                if (Criterion(criterion, out var problem) is not { } c) return ErrorBodies.BadRequest(ctx, problem);
                stateGiven |= c.Fields.Contains("state");
                users = users.Where(u => c.Fields.Any(field => c.Values.Any(value => Matches(Field(u, field), value, c.Type)))).ToList();
            }
        }

        if (!stateGiven) users = users.Where(u => u.State == "active");
        var list = users.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return Results.Json(new
        {
            total = list.Count,
            pageCount = (list.Count + pageSize - 1) / pageSize,
            pageSize,
            pageNumber,
            results = list.Skip((pageNumber - 1) * pageSize).Take(pageSize),
        }, Json.Options);
    }

    private sealed record SearchCriterion(string Type, string[] Fields, string[] Values);

    /// <summary>One query element, or null with the reason when its type or fields are not supported.</summary>
    private static SearchCriterion? Criterion(JsonElement criterion, out string error)
    {
        error = string.Empty;
        var type = criterion.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        if (!Types.Contains(type))
        {
            error = $"Unsupported search type '{type}'. The emulator supports {string.Join(", ", Types)}.";
            return null;
        }

        var fields = criterion.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : [];
        if (fields.Length == 0 || fields.Any(x => !Fields.Contains(x)))
        {
            error = $"Search fields must be among {string.Join(", ", Fields)}.";
            return null;
        }

        var values = criterion.TryGetProperty("values", out var vs) && vs.ValueKind == JsonValueKind.Array
            ? vs.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : criterion.TryGetProperty("value", out var v) ? [v.GetString() ?? ""] : [];
        return new SearchCriterion(type, fields, values);
    }

    private static string Field(User u, string field) => field switch
    {
        "name" => u.Name,
        "email" => u.Email,
        "username" => u.Username,
        "state" => u.State,
        _ => u.Id,
    };

    private static bool Matches(string actual, string wanted, string type) => type switch
    {
        "EXACT" => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase),
        "CONTAINS" => actual.Contains(wanted, StringComparison.OrdinalIgnoreCase),
        _ => actual.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
    };
}
