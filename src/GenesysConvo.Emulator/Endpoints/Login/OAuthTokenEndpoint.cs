using System.Text;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints.Login;

/// <summary>
/// POST /oauth/token on the login host: client-credentials grant with HTTP Basic client authentication, and the
/// authorization-code grant with PKCE (<see cref="AuthorizationCodeGrant"/>).
/// Errors use the login service's OAuth shape {error, description, error_description}, always HTTP 400.
/// </summary>
public static class OAuthTokenEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/oauth/token", IssueToken);

    private static async Task<IResult> IssueToken(HttpContext ctx, EmulatorOptions options, TokenStore tokens, RuntimeConfig config,
        BrowserLogin browser, EmulatorClock clock)
    {
        var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ctx.RequestAborted) : null;
        var grantType = form?["grant_type"].ToString();
        // A public (PKCE) client has no secret: the code exchange authenticates with the code verifier instead.
        if (grantType == "authorization_code") return AuthorizationCodeGrant.Exchange(form!, options, tokens, config, browser, clock);
        if (!TryReadBasic(ctx, out var clientId, out var secret))
            return OAuthError("invalid_request", "client authentication required: use HTTP Basic");

        if (string.IsNullOrEmpty(grantType)) return OAuthError("invalid_request", "grant_type is required");
        if (grantType != "client_credentials") return OAuthError("unsupported_grant_type", $"unsupported grant type: {grantType}");
        if (!string.Equals(clientId, options.ClientId, StringComparison.Ordinal)) return OAuthError("invalid_client", "client not found");
        if (!string.Equals(secret, options.ClientSecret, StringComparison.Ordinal))
            return OAuthError("invalid_client", "authentication failed");

        var lifetime = config.TokenLifetimeSeconds;
        var (token, _) = tokens.Issue(TokenKind.ClientCredentials, null, lifetime);
        return TokenResponse(token, lifetime);
    }

    /// <summary>The login service's token answer (also used for user tokens the control API issues).</summary>
    public static IResult TokenResponse(string token, int lifetimeSeconds)
        => Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "bearer",
            ["expires_in"] = lifetimeSeconds,
        }, Json.Options);

    public static IResult OAuthError(string error, string description)
        => Results.Json(new Dictionary<string, string>
        {
            ["error"] = error,
            ["description"] = description,
            ["error_description"] = description,
        }, Json.Options, statusCode: 400);

    private static bool TryReadBasic(HttpContext ctx, out string clientId, out string secret)
    {
        clientId = secret = string.Empty;
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            // The SDKs encode id:secret as ISO-8859-1; for ASCII credentials that equals UTF-8.
            var decoded = Encoding.Latin1.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) return false;
            clientId = decoded[..colon];
            secret = decoded[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
