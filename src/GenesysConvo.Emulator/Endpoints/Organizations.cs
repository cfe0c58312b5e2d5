using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>GET /api/v2/organizations/me.</summary>
public static class Organizations
{
    public static void Map(IEndpointRouteBuilder app)
        => app.MapGet("/api/v2/organizations/me", (SyntheticOrg org) => Results.Json(org.Organization, Json.Options));
}
