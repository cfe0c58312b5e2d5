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
            var byId = ctx.Request.Query["sortBy"].ToString().Equals("id", StringComparison.OrdinalIgnoreCase);
            var sorted = Listing.Select(ctx, org.WrapupCodes, c => c.Id, c => c.Name, c => c.Division.Id, byId ? c => c.Id : c => c.Name);
            return Results.Json(Listing.Page(ctx, sorted, pageSize, pageNumber), Json.Options);
        }).RequireAnyPermission(PermissionNames.WrapupCodeView);

        app.MapGet("/api/v2/routing/wrapupcodes/{codeId}", (HttpContext ctx, string codeId, SyntheticOrg org)
            => org.FindWrapupCode(codeId) is { } c ? Results.Json(c, Json.Options) : ErrorBodies.NotFound(ctx))
            .RequireAnyPermission(PermissionNames.WrapupCodeView);
    }
}
