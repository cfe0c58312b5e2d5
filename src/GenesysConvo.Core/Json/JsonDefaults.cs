using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysConvo.Core.Json;

internal static class JsonDefaults
{
    /// <summary>How the API's JSON is read and written: camelCase names, unknown fields ignored, nulls not sent.</summary>
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
