using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using GenesysConvo.Core.Analytics;

namespace GenesysConvo.Core.Metrics;

/// <summary>An aggregation bucket size: an ISO-8601 duration such as PT30M, PT1H, P1D, P7D or P1M. Days, weeks and
/// months follow the wall clock of the query's time zone (a DST day lasts 23 or 25 hours); hours and minutes are fixed.</summary>
public sealed class Granularity
{
    private static readonly Regex s_iso = new Regex(
        @"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?"
        + @"(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)S)?)?$",
        RegexOptions.IgnoreCase);

    private Granularity(string iso, int months, int days, TimeSpan time)
    {
        Iso = iso;
        Months = months;
        Days = days;
        Time = time;
    }

    public string Iso { get; }
    public int Months { get; }
    public int Days { get; }
    public TimeSpan Time { get; }
    /// <summary>True for day/week/month buckets, which start at local midnight.</summary>
    public bool IsCalendar => Months > 0 || Days > 0;

    public static Granularity Parse(object value)
    {
        if (value is TimeSpan span) return FromTimeSpan(span);
        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
        var match = s_iso.Match(text);
        if (match.Success && text.Length > 1 && text != "PT")
        {
            int Part(string g) => match.Groups[g].Success ? int.Parse(match.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
            var months = Part("y") * 12 + Part("mo");
            var days = Part("w") * 7 + Part("d");
            var time = new TimeSpan(Part("h"), Part("mi"), Part("s"));
            if (months > 0 && (days > 0 || time > TimeSpan.Zero))
                throw new ArgumentException(
                    $"Granularity '{text}' mixes months with days or hours; use whole months (P1M) or days and hours (P1DT12H).");
            if (months == 0 && days == 0 && time <= TimeSpan.Zero)
                throw new ArgumentException($"Granularity '{text}' is zero. Use a positive duration such as {Examples}.");
            return new Granularity(text.ToUpperInvariant(), months, days, time);
        }
        // A TimeSpan as text has a colon (00:30:00, 1.00:00:00): a bare number would be read as days, and 30 may mean minutes.
        if (text.Contains(":") && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span)) return FromTimeSpan(span);
        throw new ArgumentException(
            $"'{text}' is not a granularity. Use an ISO-8601 duration such as {Examples}, or a TimeSpan such as 00:30:00.");
    }

    private const string Examples = "PT15M, PT30M, PT1H, P1D, P7D or P1M";

    /// <summary>The bucket sizes reports use, as ISO-8601 durations the API takes, for completion; any other duration
    /// is accepted too.</summary>
    public static readonly IReadOnlyList<(string Iso, string Meaning)> Common = new[]
    {
        ("PT15M", "15 minutes"), ("PT30M", "30 minutes"), ("PT1H", "1 hour"), ("PT4H", "4 hours"), ("PT12H", "12 hours"),
        ("P1D", "1 day (local midnight to midnight)"), ("P7D", "1 week of 7 local days"), ("P1M", "1 calendar month"),
    };

    private static Granularity FromTimeSpan(TimeSpan span)
    {
        if (span <= TimeSpan.Zero || span.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException("A granularity must be a positive number of whole seconds.");
        // Whole days become calendar days (P1D), as a report by day means the local day.
        if (span.Ticks % TimeSpan.TicksPerDay == 0)
            return new Granularity($"P{(int)span.TotalDays}D", 0, (int)span.TotalDays, TimeSpan.Zero);
        return new Granularity(XmlConvert.ToString(span), 0, 0, span);
    }

    /// <summary>Bucket boundaries from the window's start to its end; throws naming the fix when the granularity does
    /// not divide the window (the API answers 400 then).</summary>
    public IReadOnlyList<DateTimeOffset> Boundaries(TimeWindow window, TimeZoneInfo zone)
    {
        var boundaries = new List<DateTimeOffset> { window.Start };
        if (IsCalendar)
        {
            var localStart = TimeZoneInfo.ConvertTime(window.Start, zone);
            if (localStart.TimeOfDay != TimeSpan.Zero || (Months > 0 && localStart.Day != 1))
                throw new ArgumentException(
                    $"Granularity {Iso} counts {(Months > 0 ? "months" : "days")} of the time zone {zone.Id}, " +
                    $"so the window must start at {(Months > 0 ? "the first of a month" : "midnight")} there " +
                    $"(it starts at {localStart:yyyy-MM-dd HH:mm}). " +
                    "Use -StartTime/-EndTime at local midnight, e.g. (Get-Date).Date.AddDays(-7), or a granularity in hours.");
        }
        var cursor = window.Start;
        var local = TimeZoneInfo.ConvertTime(window.Start, zone).DateTime;
        while (cursor < window.End)
        {
            if (IsCalendar)
            {
                local = Months > 0 ? local.AddMonths(Months) : local.AddDays(Days);
                local = local.Add(Time);
                cursor = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            }
            else
            {
                cursor += Time;
            }
            boundaries.Add(cursor);
            if (boundaries.Count > 100_001)
                throw new ArgumentException($"Granularity {Iso} makes more than 100,000 buckets of the window; use a coarser one.");
        }
        if (cursor != window.End)
            throw new ArgumentException(
                $"Granularity {Iso} does not divide the window {window} evenly in {zone.Id} " +
                $"(the last bucket would end at {cursor:u}). " +
                $"Make the window a whole number of {Iso} buckets, e.g. end it at {cursor:u} or at {boundaries[boundaries.Count - 2]:u}.");
        return boundaries;
    }

    public override string ToString() => Iso;
}
