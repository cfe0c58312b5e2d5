using System.Globalization;
using System.Text.Json;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>
/// What a terminal fault rule puts on the wire instead of (or made from) the real response: a status with an error body,
/// a truncated body under a false Content-Length, or a real response whose body is changed (cutBody,
/// withoutConversations, emptyObject) under a correct Content-Length.
/// </summary>
public static class FaultResponses
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The rule's status with its own body (a JSON string verbatim as text) or the standard ErrorBody.</summary>
    public static async Task WriteStatus(HttpContext ctx, FaultRule rule, int rateLimitPerMinute)
    {
        var status = rule.Status ?? 500;
        if (rule.RetryAfter is not null) ctx.Response.Headers["Retry-After"] = rule.RetryAfter;
        if (rule.Body is { } custom)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = rule.ContentType ?? "application/json; charset=utf-8";
            await ctx.Response.WriteAsync(custom.ValueKind == JsonValueKind.String ? custom.GetString()! : custom.GetRawText());
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
    /// Runs the request normally (its status and headers stay), then sends its body changed by <paramref name="kind"/>
    /// under a correct Content-Length. A response that may not carry a body (1xx, 204, 304) is sent unchanged.
    /// </summary>
    public static async Task SendAltered(HttpContext ctx, string kind, Func<Task> handle)
    {
        var bytes = await Buffer(ctx, handle);
        if (ctx.Response.StatusCode is < 200 or 204 or 304) return; // Kestrel refuses any body write for these

        var altered = kind switch
        {
            "cutBody" => bytes[..(bytes.Length / 2)],
            "withoutConversations" => WithoutConversations(bytes),
            "emptyObject" => EmptyObject,
            _ => bytes,
        };
        ctx.Response.ContentLength = altered.Length;
        await ctx.Response.Body.WriteAsync(altered);
    }

    /// <summary>
    /// The JSON object without its top-level "conversations" property, every other property byte for byte as it was;
    /// anything else (not JSON, not an object, no such property) unchanged.
    /// </summary>
    public static byte[] WithoutConversations(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("conversations", out _)) return json;
            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Json.Options.Encoder }))
            {
                writer.WriteStartObject();
                foreach (var property in root.EnumerateObject())
                {
                    if (property.NameEquals("conversations")) continue;
                    writer.WritePropertyName(property.Name);
                    writer.WriteRawValue(property.Value.GetRawText(), skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            return output.ToArray();
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>
    /// Whether the endpoint has written a body: sent (the response has started) or held in the buffer of a truncate or
    /// body-changing fault, where the response has not started yet.
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
