using System.Text.Json.Serialization;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>The platform API's ErrorBody (docs/genesys-api.md §7.2). Login-host errors use the OAuth shape instead.</summary>
public sealed class ErrorBody
{
    public string? Message { get; set; }
    public string? Code { get; set; }
    public int Status { get; set; }
    public string? ContextId { get; set; }
    public object[] Details { get; set; } = [];
    public object[] Errors { get; set; } = [];
    public RateLimitInfo? Limit { get; set; }
}

public sealed record RateLimitInfo(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("value")] int Value);

public static class ErrorBodies
{
    public const string CorrelationItem = "emulator.correlationId";

    public static string CorrelationId(HttpContext ctx) => ctx.Items[CorrelationItem] as string ?? string.Empty;

    public static ErrorBody Create(HttpContext ctx, int status, string code, string message)
        => new() { Status = status, Code = code, Message = message, ContextId = CorrelationId(ctx) };

    public static IResult Result(HttpContext ctx, int status, string code, string message)
        => Results.Json(Create(ctx, status, code, message), Json.Options, statusCode: status);

    public static IResult NotFound(HttpContext ctx)
        => Result(ctx, 404, "not.found", "The requested resource was not found.");

    public static IResult BadRequest(HttpContext ctx, string message)
        => Result(ctx, 400, "bad.request", message);

    public static Task Write(HttpContext ctx, ErrorBody body)
    {
        ctx.Response.StatusCode = body.Status;
        return ctx.Response.WriteAsJsonAsync(body, Json.Options);
    }

    /// <summary>The standard code and message for a status (used by fault rules and for framework-generated errors).</summary>
    public static ErrorBody ForStatus(HttpContext ctx, int status) => status switch
    {
        400 => Create(ctx, 400, "bad.request", "The request could not be understood by the server due to malformed syntax."),
        401 => Create(ctx, 401, "authentication.required", "No authentication bearer token specified in authorization header."),
        403 => Create(ctx, 403, "not.authorized", "You are not authorized to perform the requested action."),
        404 => Create(ctx, 404, "not.found", "The requested resource was not found."),
        408 => Create(ctx, 408, "client.timeout", "The client did not produce a request within the server timeout limit."),
        409 => Create(ctx, 409, "conflict", "The request could not be completed due to a conflict with the current state of the resource."),
        413 => Create(ctx, 413, "request.entity.too.large", "The request is over the size limit. Maximum bytes: 512000"),
        415 => Create(ctx, 415, "unsupported.media.type",
            "Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header."),
        429 => Create(ctx, 429, "too.many.requests", "Rate limit exceeded the maximum."),
        500 => Create(ctx, 500, "internal.server.error",
            "The server encountered an unexpected condition which prevented it from fulfilling the request."),
        502 => Create(ctx, 502, "bad.gateway", "Bad Gateway - The server received an invalid response from an upstream server."),
        503 => Create(ctx, 503, "service.unavailable",
            "Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance)."),
        504 => Create(ctx, 504, "request.timeout", "The request timed out."),
        _ => Create(ctx, status, "error", $"HTTP {status}"),
    };

    public static ErrorBody RateLimited(HttpContext ctx, int retryAfterSeconds, int limit)
    {
        var body = Create(ctx, 429, "too.many.requests.retry.after",
            $"Rate limit exceeded the maximum. Retry the request in [{retryAfterSeconds}] seconds");
        body.Limit = new RateLimitInfo("client.credentials.token.rate.per.minute", "platform.api", limit);
        return body;
    }
}
