using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Routing;

/// <summary>
/// GET /api/v2/routing/queues and /{id} (permission routing:queue:view);
/// GET /api/v2/routing/wrapupcodes and /{id} (permission routing:wrapupCode:view).
/// </summary>
public static class RoutingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapListingWithLookup("/api/v2/routing/queues", SelectQueues, (org, id) => org.FindQueue(id), PermissionNames.QueueView);
        app.MapListingWithLookup("/api/v2/routing/wrapupcodes", SelectWrapupCodes, (org, id) => org.FindWrapupCode(id),
            PermissionNames.WrapupCodeView);
    }

    /// <summary>?id=, ?divisionId=, ?name= (leading/trailing *), ?sortOrder= on the name.</summary>
    private static List<Queue> SelectQueues(HttpContext ctx, SyntheticOrg org)
        => Listing.Select(ctx, org.Queues, q => q.Id, q => q.Name, sortKey: q => q.Name, division: q => q.Division.Id);

    /// <summary>As the queues, sorted by name or (?sortBy=id) by id.</summary>
    private static List<WrapupCode> SelectWrapupCodes(HttpContext ctx, SyntheticOrg org)
    {
        var byId = ctx.Request.Query["sortBy"].ToString().Equals("id", StringComparison.OrdinalIgnoreCase);
        return Listing.Select(ctx, org.WrapupCodes, c => c.Id, c => c.Name, sortKey: byId ? c => c.Id : c => c.Name,
            division: c => c.Division.Id);
    }
}
