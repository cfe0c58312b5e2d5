using System;

namespace GenesysConvo.Core.Http;

/// <summary>How hard one request tries before it gives up. Every wait is cancellable.</summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt (429, 502/503/504, network failures, per-attempt timeouts).</summary>
    public int MaxRetryCount { get; set; } = 5;
    /// <summary>First backoff delay for 5xx and network failures; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest single wait, whether from backoff or from Retry-After (the SDKs give up above 180 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(180);
    /// <summary>Total time one request may take, waits included.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Time one attempt may take before it counts as failed (the official .NET SDK uses 100 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
    /// <summary>Wait after a 429 that has no usable Retry-After (the official .NET SDK uses 3 s).</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan s_shortest = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_longest = TimeSpan.FromDays(1);

    public void Validate()
    {
        if (MaxRetryCount < 0 || MaxRetryCount > 50)
            throw new ArgumentOutOfRangeException(nameof(MaxRetryCount), MaxRetryCount, "Use a retry count from 0 to 50.");
        if (BaseDelay < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "Use a delay of zero or more.");
        if (MaxDelay < BaseDelay)
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "The longest wait cannot be shorter than the base delay.");
        // Polly's timeout strategy takes 10 ms to 1 day.
        if (MaxDuration < s_shortest || MaxDuration > s_longest)
            throw new ArgumentOutOfRangeException(
                nameof(MaxDuration), MaxDuration, "Use a total retry duration (-MaxRetryDuration) from 10 ms to 1 day.");
        if (AttemptTimeout < s_shortest || AttemptTimeout > s_longest)
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "Use an attempt timeout from 10 ms to 1 day.");
    }
}
