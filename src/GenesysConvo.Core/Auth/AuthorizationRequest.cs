using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>One browser sign-in (authorization code + PKCE, docs/genesys-api.md §11): the address to open, and the
/// reading of the address the browser is sent back to — its state must be this request's, and an error there becomes
/// a message that names the fix.</summary>
public sealed class AuthorizationRequest
{
    public AuthorizationRequest(Uri loginBaseUri, string clientId, Uri redirectUri)
    {
        ClientId = clientId;
        RedirectUri = redirectUri;
        Verifier = Pkce.NewVerifier();
        State = Pkce.NewState();
        Uri = RequestUris.Combine(loginBaseUri, RequestUris.WithQuery("oauth/authorize", new[]
        {
            ("client_id", clientId), ("redirect_uri", redirectUri.ToString()), ("response_type", "code"),
            ("code_challenge", Pkce.Challenge(Verifier)), ("code_challenge_method", "S256"), ("state", State),
        }));
    }

    public string ClientId { get; }
    public Uri RedirectUri { get; }
    /// <summary>The address of the login service's sign-in page for this request.</summary>
    public Uri Uri { get; }
    public string State { get; }
    internal string Verifier { get; }

    /// <summary>The authorization code in the address the browser was sent back to (as received, or as pasted).</summary>
    public string ReadCode(string redirected)
    {
        if (!System.Uri.TryCreate(redirected.Trim().Trim('"', '\''), UriKind.Absolute, out var uri) || uri.Query.Length < 2)
            throw Failure(GenesysErrorKind.InvalidRequest, "GenesysConvo.AuthorizationAnswerUnreadable", null,
                "That is not the address the browser was sent back to after signing in. Copy the whole address from the browser's "
                + $"address bar; it starts with {RedirectUri.GetLeftPart(UriPartial.Authority)}/?code=.");
        var query = ParseQuery(uri.Query);
        query.TryGetValue("state", out var state);
        if (!string.Equals(state, State, StringComparison.Ordinal))
            throw Failure(GenesysErrorKind.Authentication, "GenesysConvo.AuthorizationStateMismatch", null,
                "The sign-in answer does not belong to this sign-in (its state does not match the one sent), so it was not used. "
                + "Run Connect-GenesysCloud -Interactive again and use only the browser tab it opens.");
        if (query.TryGetValue("error", out var error))
            throw AuthorizationErrors.From(error, query.TryGetValue("error_description", out var d) ? d : null, ClientId);
        if (!query.TryGetValue("code", out var code) || code.Length == 0)
            throw Failure(GenesysErrorKind.InvalidResponse, "GenesysConvo.AuthorizationAnswerUnreadable", null,
                "The login service sent the browser back without an authorization code. Run Connect-GenesysCloud -Interactive again.");
        return code;
    }

    internal static GenesysApiException Failure(GenesysErrorKind kind, string errorId, string? code, string message) =>
        new GenesysApiException(kind, message) { ErrorId = errorId, ErrorCode = code, Method = "GET", Path = "/oauth/authorize" };

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&').Where(p => p.Length > 0))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
            if (!values.ContainsKey(name)) values[name] = equals < 0 ? "" : Decode(pair.Substring(equals + 1));
        }
        return values;
    }

    private static string Decode(string value) => System.Uri.UnescapeDataString(value.Replace('+', ' '));
}

/// <summary>The OAuth errors the login service redirects with (the list the official CLI expects, docs/genesys-api.md
/// §11), each as what it means for this sign-in and what to do.</summary>
internal static class AuthorizationErrors
{
    public static GenesysApiException From(string error, string? description, string clientId)
    {
        var detail = error + (string.IsNullOrWhiteSpace(description) ? "" : ": " + description);
        var client = $"OAuth client '{clientId}'";
        var (kind, message) = error switch
        {
            "access_denied" => (GenesysErrorKind.Authentication,
                $"The sign-in was not allowed ({detail}). Run Connect-GenesysCloud -Interactive again and approve it, "
                + $"or ask your Genesys Cloud admin whether your user may sign in through {client}."),
            "unauthorized_client" => (GenesysErrorKind.Authentication,
                $"{client} may not sign users in ({detail}). Use a client whose grant type is Code Authorization "
                + "(Admin > Integrations > OAuth); a Client Credentials client signs in with -ClientId and -ClientSecret instead."),
            "invalid_pkce_package" => (GenesysErrorKind.Authentication,
                $"The login service refused the sign-in's PKCE proof ({detail}). Check that {client} has the Code Authorization "
                + "grant type, then run Connect-GenesysCloud -Interactive again."),
            "invalid_request" => (GenesysErrorKind.InvalidRequest,
                $"The login service refused the sign-in request ({detail}). Check that {client} lists http://localhost "
                + "(without a port) among its redirect URIs, and that -Region is the org's region."),
            "invalid_scope" => (GenesysErrorKind.Authentication,
                $"The scopes of {client} do not allow this sign-in ({detail}). Check the client's scopes in Admin > Integrations > OAuth."),
            "unsupported_response_type" => (GenesysErrorKind.Authentication,
                $"{client} does not accept an authorization-code sign-in ({detail}). Give it the Code Authorization grant type."),
            "server_error" or "temporarily_unavailable" => (GenesysErrorKind.ServiceUnavailable,
                $"The login service could not complete the sign-in ({detail}). Try Connect-GenesysCloud -Interactive again in a moment."),
            _ => (GenesysErrorKind.Authentication, $"The login service refused the sign-in ({detail})."),
        };
        var id = error == "access_denied" ? "GenesysConvo.AuthorizationDenied" : "GenesysConvo.AuthorizationFailed";
        return AuthorizationRequest.Failure(kind, id, error, message);
    }
}
