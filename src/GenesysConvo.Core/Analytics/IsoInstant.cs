using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GenesysConvo.Core.Analytics;

/// <summary>Instants as users type them, in ISO-8601 only: a date (2026-01-05), or a date and a time (2026-01-05T08:00
/// or 2026-01-05 08:00, seconds and a fraction optional) with an optional Z or offset (+02:00, +0200, +02). Other forms
/// are refused rather than guessed: 01/02/2026 is 2 January in the US and 1 February in most of Europe, so any culture's
/// reading of it is wrong somewhere.</summary>
public static class IsoInstant
{
    private static readonly Regex s_iso = new Regex(
        @"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})"
        + @"(?:[Tt ](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d{1,9}))?)?"
        + @"(?<zone>[Zz]|(?<sign>[+-])(?<oh>\d{2})(?::?(?<om>\d{2}))?)?)?$",
        RegexOptions.CultureInvariant);

    // Day and month first, in either order, then the year, with / . or - between them, as cultures write dates.
    private static readonly Regex s_cultureDate = new Regex(@"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", RegexOptions.CultureInvariant);

    /// <summary>Reads an ISO-8601 instant; one without Z or offset is UTC when <paramref name="assumeUtc"/> (as the API
    /// reads an interval), else local time (as a [datetime] typed in PowerShell is).</summary>
    public static bool TryParse(string? text, bool assumeUtc, out DateTimeOffset value)
    {
        value = default;
        var match = s_iso.Match((text ?? "").Trim());
        if (!match.Success) return false;
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var fraction = match.Groups["f"].Value;
        try
        {
            var time = new DateTime(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s"), DateTimeKind.Unspecified)
                .AddTicks(fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0').Substring(0, 7), CultureInfo.InvariantCulture));
            if (match.Groups["sign"].Success)
            {
                var offset = new TimeSpan(Part("oh"), Part("om"), 0);
                value = new DateTimeOffset(time, match.Groups["sign"].Value == "-" ? -offset : offset);
            }
            else if (match.Groups["zone"].Success || assumeUtc)
            {
                value = new DateTimeOffset(time, TimeSpan.Zero);
            }
            else
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Local));
            }
            return true;
        }
        catch (ArgumentException)
        {
            // A month 13, a day 31 in April, an hour 24, an offset beyond ±14:00, a local time past year 9999.
            return false;
        }
    }

    /// <summary>An instant a user typed (-StartTime, -EndTime): local time unless it says Z or an offset. Throws an
    /// ArgumentException that shows the ISO-8601 forms.</summary>
    public static DateTimeOffset ParseLocal(string text)
    {
        if (TryParse(text, assumeUtc: false, out var value)) return value;
        var ambiguous = s_cultureDate.IsMatch(text.Trim())
            ? " (a date written like that means different days in different cultures)"
            : "";
        throw new ArgumentException(
            $"'{text}' is not an ISO-8601 date and time{ambiguous}. Write year-month-day: 2026-01-02T08:00 (local time), "
            + "2026-01-02T08:00Z (UTC) or 2026-01-02T08:00+01:00, or pass a [datetime] such as (Get-Date).AddDays(-1).");
    }
}
