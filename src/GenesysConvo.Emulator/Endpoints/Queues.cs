using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>GET /api/v2/routing/queues (permission routing:queue:view) and /{id}.</summary>
public static class Queues
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/routing/queues", (HttpContext ctx, SyntheticOrg org) =>
        {
            if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
            var sorted = Listing.Select(ctx, org.Queues, q => q.Id, q => q.Name, q => q.Division.Id, q => q.Name);
            return Results.Json(Listing.Page(ctx, sorted, pageSize, pageNumber), Json.Options);
        }).RequireAnyPermission(PermissionNames.QueueView);

        app.MapGet("/api/v2/routing/queues/{queueId}", (HttpContext ctx, string queueId, SyntheticOrg org)
            => org.FindQueue(queueId) is { } q ? Results.Json(q, Json.Options) : ErrorBodies.NotFound(ctx))
            .RequireAnyPermission(PermissionNames.QueueView);
    }
}
