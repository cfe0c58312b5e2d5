using System;
using System.Globalization;

namespace GenesysConvo.Core.Diagnostics;

/// <summary>How the module writes a duration in messages: "250 ms", "3.5 s".</summary>
public static class Durations
{
    public static string Describe(TimeSpan span) =>
        span.TotalSeconds < 1
            ? string.Format(CultureInfo.InvariantCulture, "{0:0} ms", span.TotalMilliseconds)
            : string.Format(CultureInfo.InvariantCulture, "{0:0.#} s", span.TotalSeconds);
}
