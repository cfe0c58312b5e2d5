using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Authorization;

/// <summary>GET /api/v2/authorization/divisions and /{id} (no permission needed).</summary>
public static class AuthorizationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
        => app.MapListingWithLookup("/api/v2/authorization/divisions", SelectDivisions, (org, id) => org.FindDivision(id));

    /// <summary>?id=, ?name= (leading/trailing *); always by name, ascending (no ?divisionId= or ?sortOrder=).</summary>
    private static List<AuthzDivision> SelectDivisions(HttpContext ctx, SyntheticOrg org)
        => Listing.Select(ctx, org.Divisions, d => d.Id, d => d.Name, sortKey: d => d.Name, sortable: false);
}
