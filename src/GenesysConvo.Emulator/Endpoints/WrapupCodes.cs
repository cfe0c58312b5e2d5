using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>GET /api/v2/routing/wrapupcodes (permission routing:wrapupCode:view) and /{id}.</summary>
public static class WrapupCodes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/routing/wrapupcodes", (HttpContext ctx, SyntheticOrg org) =>
        {
            if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
            var ids = Listing.Multi(ctx, "id");
            var divisions = Listing.Multi(ctx, "divisionId");
            var name = ctx.Request.Query["name"].ToString();
            var byId = ctx.Request.Query["sortBy"].ToString().Equals("id", StringComparison.OrdinalIgnoreCase);
            var descending = ctx.Request.Query["sortOrder"].ToString().StartsWith("desc", StringComparison.OrdinalIgnoreCase);
            var matches = org.WrapupCodes
                .Where(c => ids.Count == 0 || ids.Contains(c.Id))
                .Where(c => divisions.Count == 0 || divisions.Contains(c.Division.Id))
                .Where(c => name.Length == 0 || Listing.NameMatches(c.Name, name));
            Func<WrapupCode, string> key = byId ? c => c.Id : c => c.Name;
            var sorted = (descending
                ? matches.OrderByDescending(key, StringComparer.OrdinalIgnoreCase)
                : matches.OrderBy(key, StringComparer.OrdinalIgnoreCase)).ToList();
            return Results.Json(Listing.Page(ctx, sorted, pageSize, pageNumber), Json.Options);
        }).RequireAnyPermission(PermissionNames.WrapupCodeView);

        app.MapGet("/api/v2/routing/wrapupcodes/{codeId}", (HttpContext ctx, string codeId, SyntheticOrg org)
            => org.FindWrapupCode(codeId) is { } c ? Results.Json(c, Json.Options) : ErrorBodies.NotFound(ctx))
            .RequireAnyPermission(PermissionNames.WrapupCodeView);
    }
}
