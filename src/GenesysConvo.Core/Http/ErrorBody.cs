using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GenesysConvo.Core.Http;

/// <summary>The platform's ErrorBody (message, code, status, contextId, messageParams …), read defensively: an error may
/// come from a proxy or gateway, so fields of the wrong type are skipped and text that is not JSON gives null.</summary>
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
                result.MessageParams = p.EnumerateObject()
                    .Where(x => x.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(x => x.Name, x => x.Value.GetString()!);
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
