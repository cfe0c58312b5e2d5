using System.Globalization;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>
/// What a terminal fault rule puts on the wire instead of (or made from) the real response: a status with an error body,
/// or a truncated body under a false Content-Length.
/// </summary>
public static class FaultResponses
{
    /// <summary>The rule's status with its own body (verbatim) or the standard ErrorBody.</summary>
    public static async Task WriteStatus(HttpContext ctx, FaultRule rule, int rateLimitPerMinute)
    {
        var status = rule.Status ?? 500;
        if (rule.RetryAfter is not null) ctx.Response.Headers["Retry-After"] = rule.RetryAfter;
        if (rule.Body is { } custom)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json; charset=utf-8";
            await ctx.Response.WriteAsync(custom.GetRawText());
            return;
        }

        var body = status == 429 && int.TryParse(rule.RetryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? ErrorBodies.RateLimited(ctx, seconds, rateLimitPerMinute)
            : ErrorBodies.ForStatus(ctx, status);
        await ErrorBodies.Write(ctx, body);
    }

    /// <summary>Runs the request normally, then sends half of the body under the full-length promise and drops the connection.</summary>
    public static async Task SendTruncated(HttpContext ctx, Func<Task> handle)
    {
        var bytes = await Buffer(ctx, handle);
        ctx.Response.ContentLength = bytes.Length + Math.Max(64, bytes.Length);
        await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await ctx.Response.Body.FlushAsync();
        // Give the transport time to put the partial body on the wire; Abort would otherwise discard it.
        await Task.Delay(150);
        ctx.Abort();
    }

    /// <summary>
    /// Whether the endpoint has written a body: sent (the response has started) or held in the buffer of a truncate fault,
    /// where the response has not started yet.
    /// </summary>
    public static bool BodyWritten(HttpContext ctx) => ctx.Response.HasStarted || ctx.Response.Body is ResponseBuffer { Length: > 0 };

    /// <summary>Runs <paramref name="handle"/> with the response body going to memory; status and headers are not sent yet.</summary>
    private static async Task<byte[]> Buffer(HttpContext ctx, Func<Task> handle)
    {
        var original = ctx.Response.Body;
        using var buffer = new ResponseBuffer();
        ctx.Response.Body = buffer;
        try
        {
            await handle();
        }
        finally
        {
            ctx.Response.Body = original;
        }

        return buffer.ToArray();
    }

    private sealed class ResponseBuffer : MemoryStream
    {
    }
}
