using System.Text.Json;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>
/// POST /api/v2/users/search (permission directory:user:view): UserSearchRequest {query:[{fields, value|values, type}],
/// pageSize, pageNumber} → UsersSearchResponse {total, pageCount, pageSize, pageNumber, results} — note "results",
/// not "entities". Criteria are ANDed; types EXACT, CONTAINS, STARTS_WITH on name, email, username and state.
/// Without a state criterion the search returns active users only, as the real one does.
/// </summary>
public static class UsersSearch
{
    private static readonly string[] Fields = ["name", "email", "username", "state", "id"];
    private static readonly string[] Types = ["EXACT", "CONTAINS", "STARTS_WITH"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/users/search", async (HttpContext ctx, SyntheticOrg org) =>
        {
            JsonElement body;
            try { body = (await JsonDocument.ParseAsync(ctx.Request.Body)).RootElement.Clone(); }
            catch (JsonException) { return ErrorBodies.BadRequest(ctx, "The request body is not valid JSON."); }
            var pageSize = body.TryGetProperty("pageSize", out var ps) && ps.TryGetInt32(out var s) ? s : 25;
            var pageNumber = body.TryGetProperty("pageNumber", out var pn) && pn.TryGetInt32(out var n) ? n : 1;
            if (pageSize is < 1 or > 100 || pageNumber < 1) return ErrorBodies.BadRequest(ctx, "pageSize must be 1 to 100 and pageNumber at least 1.");

            var users = org.Users.AsEnumerable();
            var stateGiven = false;
            if (body.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.Array)
            {
                foreach (var criterion in query.EnumerateArray())
                {
                    var type = criterion.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    if (!Types.Contains(type)) return ErrorBodies.BadRequest(ctx, $"Unsupported search type '{type}'. The emulator supports {string.Join(", ", Types)}.");
                    var fields = criterion.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array ? f.EnumerateArray().Select(x => x.GetString() ?? "").ToArray() : [];
                    if (fields.Length == 0 || fields.Any(x => !Fields.Contains(x))) return ErrorBodies.BadRequest(ctx, $"Search fields must be among {string.Join(", ", Fields)}.");
                    var values = criterion.TryGetProperty("values", out var vs) && vs.ValueKind == JsonValueKind.Array
                        ? vs.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
                        : criterion.TryGetProperty("value", out var v) ? [v.GetString() ?? ""] : [];
                    stateGiven |= fields.Contains("state");
                    users = users.Where(u => fields.Any(field => values.Any(value => Matches(Field(u, field), value, type)))).ToList();
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
        }).RequireAnyPermission("directory:user:view");
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
