using System.Globalization;
using System.Text.RegularExpressions;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>
/// The response intervals of an aggregates query: boundaries b0 = interval start &lt; b1 &lt; … &lt; bn = interval end,
/// bucket i = [b_i, b_{i+1}). Granularity is an ISO-8601 duration (PnYnMnWnDTnHnMnS). Year/month/week/day parts step
/// the wall clock of <c>timeZone</c> (default UTC) from the interval start, so P1D buckets follow local midnight
/// (a DST day is 23 or 25 hours) when the interval starts at local midnight; hour/minute/second parts are absolute
/// time added on top. No granularity = one bucket for the whole interval. The boundaries must hit the interval end
/// exactly (the granularity divides the interval), else 400.
/// </summary>
public sealed partial class AggregateBuckets
{
    private readonly DateTimeOffset[] _bounds;

    private AggregateBuckets(DateTimeOffset[] bounds) => _bounds = bounds;

    public int Count => _bounds.Length - 1;

    public DateTimeOffset StartOf(int i) => _bounds[i];

    public DateTimeOffset EndOf(int i) => _bounds[i + 1];

    /// <summary>"start/end" as the response's StatisticalResponse.interval (UTC, milliseconds, 'Z').</summary>
    public string Label(int i) => $"{Json.Format(_bounds[i])}/{Json.Format(_bounds[i + 1])}";

    /// <summary>Bucket containing t, or -1 outside [start, end).</summary>
    public int IndexOf(DateTimeOffset t)
    {
        if (t < _bounds[0] || t >= _bounds[^1]) return -1;
        var i = Array.BinarySearch(_bounds, t);
        return i >= 0 ? i : ~i - 1;
    }

    [GeneratedRegex(@"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    public static AggregateBuckets Create(DateTimeOffset start, DateTimeOffset end, string? granularity, string? timeZone, int maxBuckets)
    {
        var tz = ResolveZone(timeZone);
        if (string.IsNullOrWhiteSpace(granularity)) return new AggregateBuckets([start, end]);

        var m = DurationPattern().Match(granularity.Trim());
        if (!m.Success || granularity.Trim() is "P" or "PT" || granularity.TrimEnd().EndsWith('T'))
        {
            throw AggregateQueryParser.Bad(
                $"Invalid granularity '{granularity}': expected an ISO-8601 duration such as PT15M, PT30M, PT1H, P1D, P7D or P1M.");
        }

        int Part(int g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var months = Part(1) * 12 + Part(2);
        var days = Part(3) * 7 + Part(4);
        var seconds = m.Groups[7].Success ? double.Parse(m.Groups[7].Value, CultureInfo.InvariantCulture) : 0;
        var time = TimeSpan.FromHours(Part(5)) + TimeSpan.FromMinutes(Part(6)) + TimeSpan.FromSeconds(seconds);
        if (months == 0 && days == 0 && time <= TimeSpan.Zero)
            throw AggregateQueryParser.Bad($"Invalid granularity '{granularity}': it must be longer than zero.");

        var localStart = TimeZoneInfo.ConvertTime(start, tz).DateTime;
        var bounds = new List<DateTimeOffset> { start };
        for (var i = 1; ; i++)
        {
            var b = months == 0 && days == 0
                ? start + time * i
                : ToInstant(localStart.AddMonths(months * i).AddDays((double)days * i), tz) + time * i;
            if (b <= bounds[^1])
                throw AggregateQueryParser.Bad($"Invalid granularity '{granularity}': it does not advance in time zone {tz.Id}.");
            if (b > end)
            {
                throw AggregateQueryParser.Bad(
                    $"Granularity {granularity} does not divide the interval {Json.Format(start)}/{Json.Format(end)} evenly " +
                    $"(in time zone {tz.Id} the last full bucket ends at {Json.Format(bounds[^1])}, the next one at {Json.Format(b)}).");
            }

            bounds.Add(b);
            if (bounds.Count - 1 > maxBuckets)
            {
                throw AggregateQueryParser.Bad(
                    $"Interval too long for granularity {granularity}: at most {maxBuckets} intervals per query.");
            }

            if (b == end) break;
        }

        return new AggregateBuckets(bounds.ToArray());
    }

    /// <summary>IANA id (UTC default); unknown → 400.</summary>
    public static TimeZoneInfo ResolveZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw AggregateQueryParser.Bad(
                $"Invalid timeZone '{timeZone}': unknown time zone; use an IANA name such as UTC, Europe/London or America/New_York.");
        }
    }

    /// <summary>Wall-clock time in a zone → instant. In a spring-forward gap: the instant the clock jumps to;
    /// in a fall-back overlap: the first (daylight) occurrence.</summary>
    private static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo tz)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (tz.IsInvalidTime(local))
        {
            // Interpreted with the offset in force before the gap, which lands after it.
            offset = tz.GetUtcOffset(local.AddHours(-3));
        }
        else if (tz.IsAmbiguousTime(local))
        {
            offset = tz.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = tz.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
