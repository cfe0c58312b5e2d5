using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Organizations;

/// <summary>GET /api/v2/organizations/me.</summary>
public static class OrganizationsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
        => app.MapGet("/api/v2/organizations/me", (SyntheticOrg org) => Results.Json(org.Organization, Json.Options));
}
