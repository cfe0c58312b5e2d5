using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace GenesysConvo.Core.Http;

/// <summary>Reads the Retry-After header: delta seconds (what Genesys sends) or an HTTP date (RFC 9110 allows both).</summary>
public static class RetryAfter
{
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValues("Retry-After", out var values)) return null;
        return Parse(values.FirstOrDefault(), now);
    }

    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value!.Trim();
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 && !double.IsInfinity(seconds)
                ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2))
                : (TimeSpan?)null;
        if (DateTimeOffset.TryParseExact(v, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
