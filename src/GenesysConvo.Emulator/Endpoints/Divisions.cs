using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>GET /api/v2/authorization/divisions (no permission needed) and /{id}.</summary>
public static class Divisions
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/authorization/divisions", (HttpContext ctx, SyntheticOrg org) =>
        {
            if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
            var ids = Listing.Multi(ctx, "id");
            var name = ctx.Request.Query["name"].ToString();
            var matches = org.Divisions
                .Where(d => ids.Count == 0 || ids.Contains(d.Id))
                .Where(d => name.Length == 0 || Listing.NameMatches(d.Name, name))
                .OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            return Results.Json(Listing.Page(ctx, matches, pageSize, pageNumber), Json.Options);
        });

        app.MapGet("/api/v2/authorization/divisions/{divisionId}", (HttpContext ctx, string divisionId, SyntheticOrg org)
            => org.FindDivision(divisionId) is { } d ? Results.Json(d, Json.Options) : ErrorBodies.NotFound(ctx));
    }
}
