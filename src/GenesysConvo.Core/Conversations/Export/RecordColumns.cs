using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace GenesysConvo.Core.Conversations.Export;

/// <summary>The columns of a record type as a file holds them: every public scalar property (the full detail the
/// records keep on hidden, non-scalar properties stays out), base-class columns first, then in declaration order.
/// Values are written the same on every machine: instants ISO-8601 with offset and milliseconds, durations in seconds
/// (the column says so), numbers with the invariant culture.</summary>
public sealed class RecordColumns
{
    private static readonly ConcurrentDictionary<Type, RecordColumns> s_byType = new ConcurrentDictionary<Type, RecordColumns>();
    private readonly PropertyInfo[] _properties;

    private RecordColumns(Type type)
    {
        _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && IsScalar(p.PropertyType))
            .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken)
            .ToArray();
        Names = _properties.Select(p => IsDuration(p.PropertyType) ? p.Name + "Seconds" : p.Name).ToArray();
    }

    public static RecordColumns Of(Type type) => s_byType.GetOrAdd(type, t => new RecordColumns(t));

    /// <summary>Column names; a duration's name ends in "Seconds".</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The record's values as the invariant text a CSV cell holds (null for an empty cell).</summary>
    public IEnumerable<string?> TextValues(object record) => _properties.Select(p => Text(p.GetValue(record)));

    /// <summary>The record as one JSON object: names as in <see cref="Names"/>, numbers and booleans as JSON values.</summary>
    public void WriteJson(Utf8JsonWriter writer, object record)
    {
        writer.WriteStartObject();
        for (var i = 0; i < _properties.Length; i++)
        {
            writer.WritePropertyName(Names[i]);
            switch (_properties[i].GetValue(record))
            {
                case null: writer.WriteNullValue(); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case int n: writer.WriteNumberValue(n); break;
                case long n: writer.WriteNumberValue(n); break;
                case double d: writer.WriteNumberValue(d); break;
                case TimeSpan t: writer.WriteNumberValue(Seconds(t)); break;
                case var other: writer.WriteStringValue(Text(other)); break;
            }
        }
        writer.WriteEndObject();
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
        TimeSpan span => Seconds(span).ToString("0.000", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static decimal Seconds(TimeSpan span) => Math.Round((decimal)span.Ticks / TimeSpan.TicksPerSecond, 3);

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset)
               || t == typeof(DateTime) || t == typeof(TimeSpan) || t == typeof(Guid);
    }

    private static bool IsDuration(Type type) => (Nullable.GetUnderlyingType(type) ?? type) == typeof(TimeSpan);

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t != null; t = t.BaseType) depth++;
        return depth;
    }
}
