using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Endpoints;

public sealed record NamedEntity(string Id, string Name);

public sealed record OrgOAuthClient(string Id, string Name, DateTimeOffset DateCreated, string AuthorizedGrantType, string State, NamedEntity Organization);

/// <summary>TokenInfo per the SDK typings (note the capitalised "OAuthClient" key).</summary>
public sealed class TokenInfo
{
    public required NamedEntity Organization { get; init; }
    public required NamedEntity HomeOrganization { get; init; }
    public string[] AuthorizedScope { get; init; } = [];
    [JsonPropertyName("OAuthClient")]
    public required OrgOAuthClient OAuthClient { get; init; }
}

/// <summary>GET /api/v2/tokens/me — describes the calling token (also how clients check a token is still valid).</summary>
public static class Tokens
{
    public const string ClientName = "Emulator Client";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/v2/tokens/me", ["GET", "HEAD"], (SyntheticOrg org, EmulatorOptions options) =>
        {
            var orgRef = new NamedEntity(org.Organization.Id, org.Organization.Name);
            return Results.Json(new TokenInfo
            {
                Organization = orgRef,
                HomeOrganization = orgRef,
                OAuthClient = new OrgOAuthClient(options.ClientId, ClientName,
                    new DateTimeOffset(2024, 1, 15, 10, 0, 0, TimeSpan.Zero), "CLIENT-CREDENTIALS", "active", orgRef),
            }, Json.Options);
        });
    }
}

/// <summary>GET /api/v2/organizations/me.</summary>
public static class Organizations
{
    public static void Map(IEndpointRouteBuilder app)
        => app.MapGet("/api/v2/organizations/me", (SyntheticOrg org) => Results.Json(org.Organization, Json.Options));
}

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

/// <summary>GET /api/v2/routing/queues (permission routing:queue:view) and /{id}.</summary>
public static class Queues
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/routing/queues", (HttpContext ctx, SyntheticOrg org) =>
        {
            if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
            var ids = Listing.Multi(ctx, "id");
            var divisions = Listing.Multi(ctx, "divisionId");
            var name = ctx.Request.Query["name"].ToString();
            var descending = ctx.Request.Query["sortOrder"].ToString().StartsWith("desc", StringComparison.OrdinalIgnoreCase);
            var matches = org.Queues
                .Where(q => ids.Count == 0 || ids.Contains(q.Id))
                .Where(q => divisions.Count == 0 || divisions.Contains(q.Division.Id))
                .Where(q => name.Length == 0 || Listing.NameMatches(q.Name, name));
            var sorted = (descending
                ? matches.OrderByDescending(q => q.Name, StringComparer.OrdinalIgnoreCase)
                : matches.OrderBy(q => q.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            return Results.Json(Listing.Page(ctx, sorted, pageSize, pageNumber), Json.Options);
        }).RequireAnyPermission(PermissionNames.QueueView);

        app.MapGet("/api/v2/routing/queues/{queueId}", (HttpContext ctx, string queueId, SyntheticOrg org)
            => org.FindQueue(queueId) is { } q ? Results.Json(q, Json.Options) : ErrorBodies.NotFound(ctx))
            .RequireAnyPermission(PermissionNames.QueueView);
    }
}

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
