using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>JSON conventions of the real API: camelCase, absent instead of null, UTC timestamps with milliseconds and 'Z'.</summary>
public static class Json
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // Declared before Options: static fields initialise in this order.
    private static readonly string? AnalyticsRecordNamespace = typeof(AnalyticsConversation).Namespace;

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // "+1555…", not "\u002B1555…"
        o.DictionaryKeyPolicy = null;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        o.PropertyNameCaseInsensitive = true;
        // Unknown request fields are ignored, as the real API does (this is the System.Text.Json default).
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        o.Converters.Add(new GenesysTimestampConverter());
        o.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyAnalyticsLists } };
        return o;
    }

    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Analytics records leave out empty collections (e.g. a session with no metrics yet has no "metrics"). They are the
    /// types of <see cref="AnalyticsConversation"/>'s namespace; other models (e.g. a conversation's "attributes": {}) keep theirs.
    /// </summary>
    private static void OmitEmptyAnalyticsLists(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace != AnalyticsRecordNamespace) return;
        foreach (var property in typeInfo.Properties)
        {
            if (typeof(ICollection).IsAssignableFrom(property.PropertyType))
                property.ShouldSerialize = (_, value) => value is ICollection { Count: > 0 };
        }
    }

    private sealed class GenesysTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("timestamp expected"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
            => writer.WriteStringValue(Format(value));
    }
}
