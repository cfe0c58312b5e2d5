using System.Security.Cryptography;
using System.Text;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints.Login;

/// <summary>
/// grant_type=authorization_code with PKCE (docs/genesys-api.md §11): form fields code, code_verifier, client_id,
/// redirect_uri; no client secret. The code must come from GET /oauth/authorize for the same client and redirect URI,
/// not be used before nor expired, and base64url(SHA-256(code_verifier)) must equal its code_challenge. The answer is a
/// user token of the user who approved ({access_token, token_type, expires_in}; no refresh token for a public client).
/// </summary>
public static class AuthorizationCodeGrant
{
    public static IResult Exchange(IFormCollection form, EmulatorOptions options, TokenStore tokens, RuntimeConfig config,
        BrowserLogin browser, EmulatorClock clock)
    {
        string code = form["code"].ToString(), verifier = form["code_verifier"].ToString();
        string clientId = form["client_id"].ToString(), redirectUri = form["redirect_uri"].ToString();
        if (code.Length == 0) return OAuthTokenEndpoint.OAuthError("invalid_request", "code is required");
        if (clientId.Length == 0) return OAuthTokenEndpoint.OAuthError("invalid_request", "client_id is required");
        if (clientId != options.PkceClientId && clientId != options.ClientId)
            return OAuthTokenEndpoint.OAuthError("invalid_client", "client not found");
        if (verifier.Length == 0) return OAuthTokenEndpoint.OAuthError("invalid_request", "code_verifier is required");
        if (verifier.Length is < 43 or > 128 || verifier.Any(c => !IsUnreserved(c)))
            return OAuthTokenEndpoint.OAuthError("invalid_request", "code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");

        var grant = browser.Take(code);
        if (grant is null || grant.ExpiresAt <= clock.Now)
            return OAuthTokenEndpoint.OAuthError("invalid_grant", "authorization code is invalid, expired or already used");
        if (grant.ClientId != clientId || grant.RedirectUri != redirectUri)
            return OAuthTokenEndpoint.OAuthError("invalid_grant", "client_id or redirect_uri does not match the authorization request");
        if (Challenge(verifier) != grant.CodeChallenge)
            return OAuthTokenEndpoint.OAuthError("invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge");

        var lifetime = config.TokenLifetimeSeconds;
        var (token, _) = tokens.Issue(TokenKind.User, grant.UserId, lifetime);
        return OAuthTokenEndpoint.TokenResponse(token, lifetime);
    }

    /// <summary>base64url(SHA-256(verifier)) without padding: the S256 method.</summary>
    public static string Challenge(string verifier)
        => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
