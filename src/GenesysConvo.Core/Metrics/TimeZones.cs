using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Metrics;

public static class TimeZones
{
    /// <summary>A time zone from an IANA id (Europe/Berlin) or a Windows id (W. Europe Standard Time), with the IANA id
    /// the API wants. Default: this machine's zone, so daily buckets follow the user's day.</summary>
    public static (TimeZoneInfo Zone, string IanaId) Resolve(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return (TimeZoneInfo.Local, IanaIdOf(TimeZoneInfo.Local));
        TimeZoneInfo zone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(id!.Trim()); }
        catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException)
        {
            throw new ArgumentException($"'{id}' is not a time zone this machine knows. " +
                "Use an IANA id such as Europe/London, America/New_York or UTC (or a Windows id such as GMT Standard Time).");
        }
        return (zone, IanaIdOf(zone));
    }

    /// <summary>The ids of the zones this machine knows (IANA on Linux and macOS, Windows ids on Windows) and UTC, each
    /// with its display name, for completion.</summary>
    public static IEnumerable<(string Id, string DisplayName)> Known() =>
        new[] { ("UTC", "Coordinated Universal Time") }
            .Concat(TimeZoneInfo.GetSystemTimeZones().Select(z => (z.Id, z.DisplayName)))
            .GroupBy(z => z.Item1, StringComparer.OrdinalIgnoreCase).Select(g => g.First());

    private static string IanaIdOf(TimeZoneInfo zone)
    {
#if NET
        if (zone.HasIanaId) return zone.Id;
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana)) return iana;
#endif
        // Windows PowerShell 5.1 knows only Windows ids; the API wants IANA ones, so pass -TimeZone with an IANA id there.
        return zone.Id == "Local" ? "UTC" : zone.Id;
    }
}
