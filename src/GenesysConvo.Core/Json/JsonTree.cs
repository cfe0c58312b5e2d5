using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace GenesysConvo.Core.Json;

/// <summary>JSON as plain framework objects (ordered dictionaries, arrays, string, long, double, bool, null):
/// the only shapes that cross from the isolated engine to the cmdlets without sharing a JSON library.</summary>
public static class JsonTree
{
    /// <summary>False when the text is not JSON (an HTML error page from a proxy, say).</summary>
    public static bool TryParse(string json, out object? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(json)) return true;
        try
        {
            using var document = JsonDocument.Parse(json);
            value = ToPlain(document.RootElement);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static object? ToPlain(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new List<KeyValuePair<string, object?>>();
                foreach (var property in element.EnumerateObject())
                    map.Add(new KeyValuePair<string, object?>(property.Name, ToPlain(property.Value)));
                return map;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToPlain).ToArray();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l) ? l : (object)element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
