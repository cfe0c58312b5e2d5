using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using Polly.Timeout;

namespace GenesysConvo.Core.Http;

/// <summary>Turns a failed response or exception into one GenesysApiException with the API's message,
/// code, correlation id and a sentence on what to do. The one place where status codes get meaning.</summary>
internal static class ApiErrors
{
    public const string CorrelationHeader = "ININ-Correlation-Id";

    public static string? CorrelationId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;

    public static GenesysApiException FromResponse(HttpResponseMessage response, string body, string method, string path, RequestTrace? trace)
    {
        var status = (int)response.StatusCode;
        var error = ErrorBody.TryParse(body);
        var apiMessage = (error?.Message is { Length: > 0 } m ? m : response.ReasonPhrase ?? "HTTP " + status).TrimEnd('.');
        var correlationId = CorrelationId(response) ?? error?.ContextId;
        var attempts = trace?.Attempts ?? 1;
        var missing = status == 403 ? MissingPermissions(error) : Array.Empty<string>();

        var (kind, advice) = status switch
        {
            400 => (GenesysErrorKind.InvalidRequest, "The API rejected the request; the message above says which part."),
            401 => (GenesysErrorKind.Authentication, "The token was not accepted. Run Connect-GenesysCloud again."),
            403 => (GenesysErrorKind.PermissionDenied, missing.Count > 0
                ? $"Give the OAuth client's role the permission {string.Join(" or ", missing)} (Admin > Roles/Permissions), then retry."
                : "Give the OAuth client's role the permission this request needs (Admin > Roles/Permissions), then retry."),
            404 => (GenesysErrorKind.NotFound, "Check the id or path."),
            409 => (GenesysErrorKind.Conflict, "The object changed or already exists; read it again and retry."),
            429 => (GenesysErrorKind.RateLimited, "The OAuth client is over its rate limit; run fewer requests in parallel, raise -MaxRetryCount / -MaxRetryDuration on Connect-GenesysCloud, or try again later."),
            408 => (GenesysErrorKind.Timeout, "Genesys Cloud did not finish in time; retry later or ask for less at once."),
            504 => (GenesysErrorKind.ServiceUnavailable, "Genesys Cloud did not finish in time; retry later or ask for less at once."),
            _ when status >= 500 => (GenesysErrorKind.ServiceUnavailable, "Genesys Cloud is having trouble; retry later and check https://status.mypurecloud.com."),
            _ => (GenesysErrorKind.InvalidRequest, "The API rejected the request."),
        };

        var tried = attempts > 1 ? $" Gave up after {attempts} attempts{(trace?.GaveUpBecause is { } why ? " because " + why : "")}." : trace?.GaveUpBecause is { } w ? $" Not retried because {w}." : "";
        var message = $"{method} {path} failed: {status} {apiMessage}.{tried} {advice}{(correlationId is null ? "" : $" (correlation id {correlationId})")}";
        return new GenesysApiException(kind, message)
        {
            StatusCode = status, ErrorCode = error?.Code, CorrelationId = correlationId, Method = method, Path = path,
            Attempts = attempts, MissingPermissions = missing,
        };
    }

    public static GenesysApiException FromException(Exception exception, string method, string path, RequestTrace? trace)
    {
        if (exception is GenesysApiException api) return api;
        var attempts = trace?.Attempts ?? 1;
        var tried = attempts > 1 ? $" after {attempts} attempts" : "";
        var kind = exception is TimeoutRejectedException ? GenesysErrorKind.Timeout : GenesysErrorKind.Connection;
        var what = exception is TimeoutRejectedException ? "no answer in time" : Innermost(exception).Message;
        return new GenesysApiException(kind,
            $"{method} {path} failed{tried}: {what}. Check the network path to Genesys Cloud (proxy, firewall, -Region / -ApiBaseUri), then retry.",
            exception)
        { Method = method, Path = path, Attempts = attempts };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException != null && (e is HttpRequestException || e is AggregateException)) e = e.InnerException;
        return e;
    }

    private static readonly Regex s_permissionList = new Regex(@"permissions? assigned:\s*(?<list>.+?)\s*$", RegexOptions.IgnoreCase);

    private static IReadOnlyList<string> MissingPermissions(ErrorBody? error)
    {
        if (error is null) return Array.Empty<string>();
        // messageParams carries them on some endpoints; the message text on all of them ("… at least one of the following permissions assigned: a, b").
        var fromParams = error.MessageParams?.Values.SelectMany(v => v.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            .Where(v => v.Count(c => c == ':') >= 2).ToList();
        if (fromParams is { Count: > 0 }) return fromParams.Distinct().ToList();
        var match = error.Message is null ? null : s_permissionList.Match(error.Message);
        return match is { Success: true }
            ? match.Groups["list"].Value.TrimEnd('.').Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Where(v => v.Contains(":")).ToList()
            : (IReadOnlyList<string>)Array.Empty<string>();
    }
}

/// <summary>The platform's ErrorBody (message, code, status, contextId, messageParams …); unknown fields ignored.</summary>
internal sealed class ErrorBody
{
    public string? Message { get; set; }
    public string? Code { get; set; }
    public string? ContextId { get; set; }
    public Dictionary<string, string>? MessageParams { get; set; }

    public static ErrorBody? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var result = new ErrorBody
            {
                Message = Text(root, "message"),
                Code = Text(root, "code"),
                ContextId = Text(root, "contextId"),
            };
            if (root.TryGetProperty("messageParams", out var p) && p.ValueKind == JsonValueKind.Object)
                result.MessageParams = p.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.String).ToDictionary(x => x.Name, x => x.Value.GetString()!);
            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
