using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;

namespace GenesysConvo.Emulator.Endpoints;

/// <summary>Reading JSON request bodies.</summary>
public static class RequestBodies
{
    public static async Task<string> ReadText(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    /// <summary>
    /// An analytics query body (unknown fields ignored); none → 400 <paramref name="required"/>, malformed JSON or a
    /// value of the wrong type → 400 naming the JSON path, both as <see cref="QueryValidationException"/>.
    /// </summary>
    public static async Task<T> ReadQuery<T>(HttpRequest request, string required) where T : class
    {
        var text = await ReadText(request);
        if (string.IsNullOrWhiteSpace(text)) throw new QueryValidationException("bad.request", required);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json.Options) ?? throw new QueryValidationException("bad.request", required);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            var where = ex is JsonException { Path: { Length: > 0 } path } ? $" at {path}" : string.Empty;
            throw new QueryValidationException("bad.request",
                $"The request could not be understood by the server due to malformed syntax: invalid JSON or wrong value type{where}.");
        }
    }
}
