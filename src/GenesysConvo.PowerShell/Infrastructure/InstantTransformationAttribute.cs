using System;
using System.Globalization;
using System.Management.Automation;

namespace GenesysConvo.Infrastructure;

/// <summary>Binds -StartTime/-EndTime from a DateTime, a DateTimeOffset or a string, the same on every machine:
/// strings are read with the invariant culture (compiled cmdlets otherwise use the current culture, so
/// '01/02/2026' would mean different days on different machines), and times without an offset are local time.</summary>
public sealed class InstantTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        switch (value)
        {
            case null:
                return null;
            case DateTimeOffset offset:
                return offset;
            case DateTime time:
                // Unspecified means local, as Get-Date and [datetime]'2026-01-05 08:00' give it.
                return time.Kind == DateTimeKind.Utc
                    ? new DateTimeOffset(time)
                    : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Local));
            case string text:
                var styles = DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var parsed)) return parsed;
                throw new ArgumentTransformationMetadataException(
                    $"'{text}' is not a date and time. Use ISO-8601 such as 2026-01-05T08:00 (local time), "
                    + "2026-01-05T08:00Z (UTC), or pass (Get-Date).AddDays(-1).");
            default:
                return value;
        }
    }
}
