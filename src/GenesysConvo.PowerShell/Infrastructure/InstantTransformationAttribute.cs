using System;
using System.Management.Automation;
using GenesysConvo.Core.Analytics;

namespace GenesysConvo.Infrastructure;

/// <summary>Binds -StartTime/-EndTime from a DateTime, a DateTimeOffset or an ISO-8601 string, the same on every machine:
/// a string in any other form is refused (compiled cmdlets would otherwise read it with the current culture, so
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
                try { return IsoInstant.ParseLocal(text); }
                catch (ArgumentException e) { throw new ArgumentTransformationMetadataException(e.Message, e); }
            default:
                return value;
        }
    }
}
