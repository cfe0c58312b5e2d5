using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Tokens;

public sealed record NamedEntity(string Id, string Name);

public sealed record OrgOAuthClient(
    string Id, string Name, DateTimeOffset DateCreated, string AuthorizedGrantType, string State, NamedEntity Organization);

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
public static class TokensEndpoints
{
    public const string ClientName = "Emulator Client";

    private static readonly DateTimeOffset ClientCreated = new(2024, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public static void Map(IEndpointRouteBuilder app)
        => app.MapMethods("/api/v2/tokens/me", ["GET", "HEAD"], Describe);

    private static IResult Describe(SyntheticOrg org, EmulatorOptions options)
    {
        var orgRef = new NamedEntity(org.Organization.Id, org.Organization.Name);
        return Results.Json(new TokenInfo
        {
            Organization = orgRef,
            HomeOrganization = orgRef,
            OAuthClient = new OrgOAuthClient(options.ClientId, ClientName, ClientCreated, "CLIENT-CREDENTIALS", "active", orgRef),
        }, Json.Options);
    }
}
