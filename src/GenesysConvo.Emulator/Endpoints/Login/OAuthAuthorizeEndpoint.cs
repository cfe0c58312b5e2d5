using System.Text.RegularExpressions;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;
using Microsoft.AspNetCore.WebUtilities;

namespace GenesysConvo.Emulator.Endpoints.Login;

/// <summary>
/// GET /oauth/authorize on the login host (docs/genesys-api.md §11): the browser step of the authorization-code grant
/// with PKCE. An unknown client or a redirect URI the client has not registered gets an error page (the service never
/// redirects to an address it cannot trust); every other answer is a 302 to the redirect URI, with ?code=…&amp;state=…
/// or ?error=…&amp;error_description=…&amp;state=…. The emulator has no login form: the user signed in at the browser
/// (PUT /__emulator/login, default the first active user) approves at once, as a live login session does.
/// </summary>
public static partial class OAuthAuthorizeEndpoint
{
    /// <summary>Registered redirect URIs of the PKCE client: loopback without a port, so any port matches (§11).</summary>
    private static readonly string[] RegisteredRedirects = ["http://localhost/", "http://127.0.0.1/"];

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/oauth/authorize", Authorize);

    private static IResult Authorize(HttpContext ctx, EmulatorOptions options, BrowserLogin browser, SyntheticOrg org, EmulatorClock clock)
    {
        var q = ctx.Request.Query;
        string clientId = q["client_id"].ToString(), redirectUri = q["redirect_uri"].ToString(), state = q["state"].ToString();
        if (clientId != options.ClientId && clientId != options.PkceClientId)
            return ErrorPage("The OAuth client was not found (client_id).");
        if (!IsRegistered(redirectUri))
            return ErrorPage("The redirect_uri does not match a redirect URI registered for this OAuth client.");

        IResult Fail(string error, string description) =>
            Redirect(redirectUri, state, ("error", error), ("error_description", description));
        if (clientId != options.PkceClientId) return Fail("unauthorized_client", "The client is not allowed the authorization code grant.");
        if (q["response_type"].ToString() != "code") return Fail("unsupported_response_type", "response_type must be code.");
        var challenge = q["code_challenge"].ToString();
        if (challenge.Length == 0) return Fail("invalid_request", "code_challenge is required.");
        if (q["code_challenge_method"].ToString() != "S256" || !Base64Url43().IsMatch(challenge))
            return Fail("invalid_pkce_package", "The PKCE code challenge must be an S256 challenge (43 base64url characters).");
        if (browser.Error is { } forced) return Fail(forced, $"The authorization was refused ({forced}).");

        var user = browser.UserId is { } id ? org.FindUser(id) : org.Users.First(u => u.State == "active");
        if (user is null) return Fail("access_denied", "The signed-in user does not exist.");
        var code = browser.Issue(new AuthorizationCode(clientId, redirectUri, challenge, user.Id, clock.Now + BrowserLogin.CodeLifetime));
        return Redirect(redirectUri, state, ("code", code));
    }

    /// <summary>Same scheme, host and path as a registered URI; any port (loopback rule, docs/genesys-api.md §11).</summary>
    public static bool IsRegistered(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0) return false;
        var withoutPort = $"{uri.Scheme}://{uri.Host}{uri.AbsolutePath}";
        return RegisteredRedirects.Contains(withoutPort, StringComparer.Ordinal);
    }

    private static IResult Redirect(string redirectUri, string state, params (string Name, string Value)[] parameters)
    {
        var query = parameters.ToDictionary(p => p.Name, p => (string?)p.Value);
        if (state.Length > 0) query["state"] = state;
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, query));
    }

    private static IResult ErrorPage(string message)
        => Results.Content($"<!DOCTYPE html><html><body><h1>Sign-in error</h1><p>{message}</p></body></html>",
            "text/html; charset=utf-8", statusCode: 400);

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex Base64Url43();
}
