using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenesysConvo.Core.Analytics;

/// <summary>A half-open UTC time range [Start, End), written as the API's ISO-8601 "start/end" interval.</summary>
public readonly struct TimeWindow : IEquatable<TimeWindow>
{
    public TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
            throw new ArgumentException($"The end ({end.ToUniversalTime():u}) must be after the start ({start.ToUniversalTime():u}). "
                + "Swap -StartTime and -EndTime, or check the interval.");
        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }
    public TimeSpan Length => End - Start;

    public string ToInterval() => Format(Start) + "/" + Format(End);

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>Consecutive windows no longer than <paramref name="maximum"/>, covering this one exactly.</summary>
    public IEnumerable<TimeWindow> Split(TimeSpan maximum)
    {
        var start = Start;
        while (start < End)
        {
            var end = End - start > maximum ? start + maximum : End;
            yield return new TimeWindow(start, end);
            start = end;
        }
    }

    public (TimeWindow First, TimeWindow Second) Halve()
    {
        var middle = Start + TimeSpan.FromTicks(Length.Ticks / 2);
        return (new TimeWindow(Start, middle), new TimeWindow(middle, End));
    }

    /// <summary>The window of -StartTime/-EndTime or -Interval; by default the last 24 hours.</summary>
    public static TimeWindow FromParameters(DateTimeOffset? start, DateTimeOffset? end, string? interval, DateTimeOffset now)
    {
        if (interval != null)
        {
            if (start != null || end != null) throw new ArgumentException("Give either -Interval or -StartTime/-EndTime, not both.");
            return Parse(interval);
        }
        var to = end ?? now;
        var from = start ?? to.AddDays(-1);
        if (to <= from)
            throw new ArgumentException($"-EndTime ({Utc(to)}) is not after -StartTime ({Utc(from)}): swap them.");
        return new TimeWindow(from, to);
    }

    private static string Utc(DateTimeOffset instant) => instant.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture);

    /// <summary>Reads "start/end" (ISO-8601 only, with offset or Z; no offset means UTC, as the API reads it).</summary>
    public static TimeWindow Parse(string interval)
    {
        var parts = (interval ?? "").Split('/');
        if (parts.Length != 2
            || !IsoInstant.TryParse(parts[0], assumeUtc: true, out var start)
            || !IsoInstant.TryParse(parts[1], assumeUtc: true, out var end))
        {
            throw new ArgumentException($"'{interval}' is not an ISO-8601 interval. "
                + "Write it as start/end, e.g. 2026-01-05T00:00:00Z/2026-01-06T00:00:00Z.");
        }
        return new TimeWindow(start, end);
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public bool Equals(TimeWindow other) => Start == other.Start && End == other.End;
    public override bool Equals(object? obj) => obj is TimeWindow other && Equals(other);
    public override int GetHashCode() => Start.GetHashCode() * 31 + End.GetHashCode();
    public override string ToString() => ToInterval();
}
