using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Users;

/// <summary>
/// GET /api/v2/users (no permission; state defaults to active, so deleted agents vanish unless state=any — a real pitfall),
/// GET /api/v2/users/{id}, GET /api/v2/users/me (needs a user context).
/// </summary>
public static class UsersEndpoints
{
    private static readonly string[] States = ["active", "inactive", "deleted", "any"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/users", List);
        // Registered before /{userId} for readability; routing prefers the literal segment anyway.
        app.MapGet("/api/v2/users/me", Me);
        app.MapGet("/api/v2/users/{userId}", Get);
    }

    private static IResult List(HttpContext ctx, SyntheticOrg org)
    {
        if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
        var state = ctx.Request.Query["state"].ToString();
        if (state.Length == 0) state = "active";
        if (!States.Contains(state, StringComparer.OrdinalIgnoreCase))
            return ErrorBodies.BadRequest(ctx, $"Invalid value for state: {state}. Allowed: {string.Join(", ", States)}.");

        var ids = Listing.Multi(ctx, "id");
        var anyState = state.Equals("any", StringComparison.OrdinalIgnoreCase);
        var matches = org.Users
            .Where(u => ids.Count == 0 || ids.Contains(u.Id))
            .Where(u => anyState || u.State.Equals(state, StringComparison.OrdinalIgnoreCase));
        // By name, ties by id, in the ?sortOrder= direction.
        var sorted = (Listing.Descending(ctx)
            ? matches.OrderByDescending(u => u.Name, StringComparer.OrdinalIgnoreCase).ThenByDescending(u => u.Id, StringComparer.Ordinal)
            : matches.OrderBy(u => u.Name, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Id, StringComparer.Ordinal)).ToList();
        return Results.Json(Listing.Page(ctx, sorted, pageSize, pageNumber), Json.Options);
    }

    private static IResult Me(HttpContext ctx, SyntheticOrg org)
    {
        var token = (IssuedToken)ctx.Items[EmulatorMiddleware.TokenItem]!;
        if (token.Kind != TokenKind.User || token.UserId is null || org.FindUser(token.UserId) is not { } user)
        {
            return ErrorBodies.BadRequest(ctx,
                "This request requires a user context. Client credentials cannot be used for requests to this resource.");
        }

        return Results.Json(user, Json.Options);
    }

    private static IResult Get(HttpContext ctx, string userId, SyntheticOrg org)
    {
        // The single-user GET also filters by state (default active): deleted users need state=deleted.
        var state = ctx.Request.Query["state"].ToString();
        var wantDeleted = state.Equals("deleted", StringComparison.OrdinalIgnoreCase);
        return org.FindUser(userId) is { } u && (u.State == "deleted") == wantDeleted
            ? Results.Json(u, Json.Options)
            : ErrorBodies.NotFound(ctx);
    }
}
