using GenesysConvo.Emulator.Endpoints.Login;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Control;

public sealed class UserTokenRequest
{
    public string? UserId { get; set; }
    public int? ExpiresInSeconds { get; set; }
}

/// <summary>
/// GET /__emulator/tokens (every token issued since the last reset, values included: lets tests prove none leaks),
/// POST /__emulator/tokens/revoke, POST /__emulator/tokens/user (a user token, as a user's login would give).
/// </summary>
public static class TokensControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/tokens", History);
        control.MapPost("/tokens/revoke", (TokenStore tokens) => Results.Json(new { revoked = tokens.RevokeAll() }, Json.Options));
        control.MapPost("/tokens/user", IssueUserToken);
    }

    private static IResult History(TokenStore tokens)
        => Results.Json(tokens.History().Select(t => new
        {
            accessToken = t.Token, tokenId = t.Info.TokenId, kind = t.Info.Kind.ToString(), userId = t.Info.UserId,
            issuedAt = t.Info.IssuedAt, expiresAt = t.Info.ExpiresAt,
        }), Json.Options);

    private static async Task<IResult> IssueUserToken(HttpContext ctx, TokenStore tokens, RuntimeConfig config, SyntheticOrg org)
    {
        var (req, error) = await ControlApi.ReadBody<UserTokenRequest>(ctx);
        if (error is not null) return error;
        var user = req!.UserId is { Length: > 0 } id
            ? org.FindUser(id)
            : org.Users.First(u => u.State == "active");
        if (user is null) return ControlApi.Problem($"no seeded user with id {req.UserId}", 404);
        var lifetime = req.ExpiresInSeconds ?? config.TokenLifetimeSeconds;
        if (lifetime <= 0) return ControlApi.Problem("expiresInSeconds must be > 0.");
        var (token, _) = tokens.Issue(TokenKind.User, user.Id, lifetime);
        return OAuthTokenEndpoint.TokenResponse(token, lifetime);
    }
}
