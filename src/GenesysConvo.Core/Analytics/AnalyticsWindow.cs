using System;

namespace GenesysConvo.Core.Analytics;

/// <summary>The window an analytics command reads — from -StartTime/-EndTime, -Interval or a -Query body's interval —
/// held to bounds any real window keeps: it starts on or after 2010-01-01 (Genesys Cloud holds nothing older) and ends
/// at most a day after now (nothing has happened later). A year typed wrong, 1900 or 9999, would otherwise start a job
/// or hundreds of requests that can find nothing.</summary>
public static class AnalyticsWindow
{
    public static readonly DateTimeOffset EarliestStart = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan LatestEndAfterNow = TimeSpan.FromDays(1);

    /// <summary>The window of the parameters, else <paramref name="fromBody"/> (a -Query's interval), else the last
    /// 24 hours; checked by <see cref="Check"/>.</summary>
    public static TimeWindow Resolve(
        DateTimeOffset? start, DateTimeOffset? end, string? interval, TimeWindow? fromBody, DateTimeOffset now)
    {
        if (start is null && end is null && interval is null && fromBody is { } body)
        {
            Check(body, now, "the -Query body's interval");
            return body;
        }
        if (end is { } last && last < EarliestStart)
            throw new ArgumentException($"-EndTime ({TimeWindow.Format(last)}) is before {Earliest}: {StartRule}.");
        var window = TimeWindow.FromParameters(start, end, interval, now);
        Check(window, now, interval != null ? "-Interval" : "-StartTime/-EndTime");
        return window;
    }

    /// <summary>Throws an ArgumentException naming the window, where it came from (<paramref name="source"/>) and the
    /// rule it breaks.</summary>
    public static void Check(TimeWindow window, DateTimeOffset now, string source)
    {
        if (window.Start < EarliestStart)
            throw new ArgumentException($"The window {window} ({source}) starts before {Earliest}: {StartRule}.");
        var latest = now + LatestEndAfterNow;
        if (window.End > latest)
            throw new ArgumentException(
                $"The window {window} ({source}) ends more than one day after now ({TimeWindow.Format(now)}): analytics windows "
                + $"must end by {TimeWindow.Format(latest)}, as there is no data from later. Check the year.");
    }

    private static string Earliest => EarliestStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string StartRule =>
        $"analytics windows must start on or after {Earliest}, as Genesys Cloud holds no older data. Check the year";
}
