using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace GenesysConvo.Core.Http;

/// <summary>Turns a failed response or exception into one GenesysApiException with the API's message, code,
/// correlation id and a sentence on what to do. The one place where status codes get meaning, for the API host
/// and the login host alike (a 401 means something else for a token the module can renew than for one it cannot).</summary>
internal static class ApiErrors
{
    public const string CorrelationHeader = "ININ-Correlation-Id";

    private const string SuppliedTokenFix =
        "A token supplied with -AccessToken cannot be renewed: get a new token and run Connect-GenesysCloud -AccessToken again, " +
        "or connect with -ClientId/-ClientSecret so the module renews tokens itself.";

    private static readonly Regex s_permissionList = new Regex(@"permissions? assigned:\s*(?<list>.+?)\s*$", RegexOptions.IgnoreCase);

    public static string? CorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A failed answer of the API host.</summary>
    public static GenesysApiException FromResponse(
        HttpResponseMessage response, string body, string method, string path, RequestTrace? trace)
    {
        var status = (int)response.StatusCode;
        var error = ErrorBody.TryParse(body);
        var apiMessage = (error?.Message is { Length: > 0 } m ? m : response.ReasonPhrase ?? "HTTP " + status).TrimEnd('.');
        var correlationId = CorrelationId(response) ?? error?.ContextId;
        var attempts = trace?.Attempts ?? 1;
        var missing = status == 403 ? MissingPermissions(error) : Array.Empty<string>();
        var suppliedTokenRejected = status == 401 && trace?.TokenRenewable == false;

        var (kind, advice) = Meaning(status, missing, suppliedTokenRejected);
        var tried = attempts > 1
            ? $" Gave up after {attempts} attempts{(trace?.GaveUpBecause is { } why ? " because " + why : "")}."
            : trace?.GaveUpBecause is { } w ? $" Not retried because {w}." : "";
        var message = $"{method} {path} failed: {status} {apiMessage}.{tried} {advice}{CorrelationLine(correlationId)}";
        var exception = new GenesysApiException(kind, message)
        {
            StatusCode = status, ErrorCode = error?.Code, CorrelationId = correlationId, Method = method, Path = path,
            Attempts = attempts, MissingPermissions = missing, Recommendation = advice,
        };
        if (suppliedTokenRejected) exception.ErrorId = AccessTokenExpiredId;
        return exception;
    }

    private static (GenesysErrorKind Kind, string Advice) Meaning(int status, IReadOnlyList<string> missing, bool suppliedTokenRejected) =>
        status switch
        {
            400 => (GenesysErrorKind.InvalidRequest, "The API rejected the request; the message above says which part."),
            // A renewable token was renewed once already (BearerTokenHandler) before this answer.
            401 when suppliedTokenRejected => (GenesysErrorKind.Authentication,
                "The API no longer accepts the access token (expired or revoked). " + SuppliedTokenFix),
            401 => (GenesysErrorKind.Authentication,
                "The API refused a freshly renewed token: the OAuth client may have been disabled. Run Connect-GenesysCloud again."),
            403 => (GenesysErrorKind.PermissionDenied, missing.Count > 0
                ? $"Give the OAuth client's role the permission {string.Join(" or ", missing)} (Admin > Roles/Permissions), then retry."
                : "Give the OAuth client's role the permission this request needs (Admin > Roles/Permissions), then retry."),
            404 => (GenesysErrorKind.NotFound, "Check the id or path."),
            409 => (GenesysErrorKind.Conflict, "The object changed or already exists; read it again and retry."),
            429 => (GenesysErrorKind.RateLimited, "The OAuth client is over its rate limit; run fewer requests in parallel, " +
                                                   "raise -MaxRetryCount / -MaxRetryDuration on Connect-GenesysCloud, or try again later."),
            408 => (GenesysErrorKind.Timeout, "Genesys Cloud did not finish in time; retry later or ask for less at once."),
            504 => (GenesysErrorKind.ServiceUnavailable, "Genesys Cloud did not finish in time; retry later or ask for less at once."),
            _ when status >= 500 => (GenesysErrorKind.ServiceUnavailable,
                "Genesys Cloud is having trouble; retry later and check https://status.mypurecloud.com."),
            _ => (GenesysErrorKind.InvalidRequest, "The API rejected the request."),
        };

    public const string AccessTokenExpiredId = "GenesysConvo.AccessTokenExpired";

    /// <summary>A supplied token the module knows to be past its expiry, before any request is sent.</summary>
    public static GenesysApiException AccessTokenExpired(string what) =>
        new GenesysApiException(GenesysErrorKind.Authentication, what + " " + SuppliedTokenFix) { ErrorId = AccessTokenExpiredId };

    /// <summary>A failed answer of the login host (POST /oauth/token). Genesys answers bad client credentials with 400
    /// invalid_client, other servers with 401: both mean the credentials, and the message says where they came from.</summary>
    public static GenesysApiException FromLoginResponse(
        HttpResponseMessage response, string body, Uri tokenUri, string clientId, RequestTrace trace)
    {
        var (error, description) = OAuthError(body);
        var status = (int)response.StatusCode;
        var host = tokenUri.GetLeftPart(UriPartial.Authority);
        if (error == "invalid_client" || error == "unauthorized_client" || status == 401)
        {
            return new GenesysApiException(GenesysErrorKind.Authentication,
                $"Genesys Cloud rejected the OAuth client credentials for client id '{clientId}' " +
                $"({description ?? error ?? response.ReasonPhrase}). " +
                "Check the client id and secret (-ClientId/-ClientSecret, -Credential, " +
                "or GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET), " +
                "that the OAuth client has the Client Credentials grant, and that -Region is the region of the org that owns the client.")
            {
                StatusCode = status, ErrorCode = error, ErrorId = "GenesysConvo.BadCredentials", Method = "POST",
                Path = tokenUri.AbsolutePath, CorrelationId = CorrelationId(response), Attempts = trace.Attempts,
            };
        }
        if (error != null)
        {
            return new GenesysApiException(GenesysErrorKind.Authentication,
                $"The login service refused the token request: {error}{(description is null ? "" : " (" + description + ")")}.")
            {
                StatusCode = status, ErrorCode = error, Method = "POST", Path = tokenUri.AbsolutePath,
                CorrelationId = CorrelationId(response), Attempts = trace.Attempts,
            };
        }
        var failure = FromResponse(response, body, "POST", tokenUri.AbsolutePath, trace);
        // Not an OAuth answer at all (a 404 page, a proxy): most likely the wrong login host.
        var hint = $" Is {host} the login host of the org? Check -Region or -LoginBaseUri.";
        var correlation = CorrelationLine(failure.CorrelationId);
        var what = failure.Message.Substring(0, failure.Message.Length - correlation.Length);
        return new GenesysApiException(failure.Kind, what + hint + correlation)
        {
            Recommendation = failure.Recommendation + hint,
            StatusCode = failure.StatusCode, ErrorCode = failure.ErrorCode, Method = failure.Method, Path = failure.Path,
            CorrelationId = failure.CorrelationId, Attempts = failure.Attempts, MissingPermissions = failure.MissingPermissions,
        };
    }

    /// <summary>A failed code exchange of a browser sign-in (POST /oauth/token, authorization code + PKCE): a code refused
    /// (invalid_grant: expired, used, or its verifier does not match) or a client that may not sign users in.</summary>
    public static GenesysApiException FromCodeExchangeResponse(
        HttpResponseMessage response, string body, Uri tokenUri, string clientId, RequestTrace trace)
    {
        var (error, description) = OAuthError(body);
        var detail = error + (description is null ? "" : ": " + description);
        var message = error switch
        {
            "invalid_grant" => $"The login service refused the sign-in's authorization code ({detail}); it may have expired or "
                               + "been used already. Run Connect-GenesysCloud -Interactive again.",
            "invalid_client" or "unauthorized_client" => $"OAuth client '{clientId}' may not sign users in ({detail}). Use a client "
                               + "whose grant type is Code Authorization (Admin > Integrations > OAuth) and the region that owns it.",
            _ => null,
        };
        if (message is null) return FromLoginResponse(response, body, tokenUri, clientId, trace);
        return new GenesysApiException(GenesysErrorKind.Authentication, message)
        {
            StatusCode = (int)response.StatusCode, ErrorCode = error, ErrorId = "GenesysConvo.AuthorizationFailed", Method = "POST",
            Path = tokenUri.AbsolutePath, CorrelationId = CorrelationId(response), Attempts = trace.Attempts,
        };
    }

    public static GenesysApiException FromException(Exception exception, string method, string path, RequestTrace? trace)
    {
        if (exception is GenesysApiException api) return api;
        var attempts = trace?.Attempts ?? 1;
        var tried = attempts > 1 ? $" after {attempts} attempts" : "";
        var kind = exception is TimeoutRejectedException ? GenesysErrorKind.Timeout : GenesysErrorKind.Connection;
        var what = exception is TimeoutRejectedException ? "no answer in time" : Innermost(exception).Message;
        const string advice = "Check the network path to Genesys Cloud (proxy, firewall, -Region / -ApiBaseUri), then retry.";
        return new GenesysApiException(kind, $"{method} {path} failed{tried}: {what}. {advice}", exception)
        { Method = method, Path = path, Attempts = attempts, Recommendation = advice };
    }

    /// <summary>A success status whose body is not the JSON the endpoint defines (a proxy's HTML page, a cut body),
    /// after the pipeline's retries: says which call, what it got, and where the fault likely is.</summary>
    public static GenesysApiException UnreadableBody(string method, string path, int status, string? correlationId, int attempts,
        string excerpt, Exception? reason)
    {
        var tried = attempts > 1 ? $" on each of {attempts} attempts" : "";
        var what = excerpt.Length == 0 ? "an empty body" : $"a body that is not the JSON the API defines: \"{excerpt}\"";
        var message = $"{method} {path} answered {status} with {what}{tried}" + (reason is null ? "" : $" ({reason.Message})")
                      + ". A proxy or gateway may be in the way: retry later, and check -ApiBaseUri / -Region."
                      + CorrelationLine(correlationId);
        return new GenesysApiException(GenesysErrorKind.InvalidResponse, message, reason)
        {
            StatusCode = status, Method = method, Path = path, CorrelationId = correlationId, Attempts = attempts,
            ErrorId = "GenesysConvo.UnreadableResponse",
        };
    }

    /// <summary>The id Genesys support asks for, on a line of its own at the end of the message: a fact to quote, not a fix.</summary>
    private static string CorrelationLine(string? correlationId) =>
        correlationId is null ? "" : Environment.NewLine + "Correlation id: " + correlationId;

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null && (e is HttpRequestException || e is AggregateException)) e = e.InnerException;
        return e;
    }

    private static (string? Error, string? Description) OAuthError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            return (Text(json.RootElement, "error"), Text(json.RootElement, "error_description") ?? Text(json.RootElement, "description"));
        }
        catch (JsonException)
        {
            return (null, null);   // not OAuth JSON: the generic API error applies
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IReadOnlyList<string> MissingPermissions(ErrorBody? error)
    {
        if (error is null) return Array.Empty<string>();
        // messageParams carries them on some endpoints; the message text on all
        // ("… at least one of the following permissions assigned: a, b").
        var fromParams = error.MessageParams?.Values.SelectMany(v => v.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(v => v.Count(c => c == ':') >= 2).ToList();
        if (fromParams is { Count: > 0 }) return fromParams.Distinct().ToList();
        var match = error.Message is null ? null : s_permissionList.Match(error.Message);
        return match is { Success: true }
            ? match.Groups["list"].Value
                .TrimEnd('.')
                .Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(v => v.Contains(":"))
                .ToList()
            : (IReadOnlyList<string>)Array.Empty<string>();
    }
}
