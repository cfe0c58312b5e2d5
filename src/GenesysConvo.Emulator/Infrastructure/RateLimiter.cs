using System.Collections.Concurrent;

namespace GenesysConvo.Emulator.Infrastructure;

public readonly record struct RateDecision(bool Allowed, int Count, int Limit, int ResetSeconds);

/// <summary>Per-token fixed window, 60 s unless rateLimitWindowSeconds says otherwise (the real limit is
/// client.credentials.token.rate.per.minute = 300).</summary>
public sealed class RateLimiter
{
    private readonly ConcurrentDictionary<string, WindowState> _windows = new(StringComparer.Ordinal);
    private readonly EmulatorClock _clock;
    private readonly RuntimeConfig _config;
    private long _rejected;

    public RateLimiter(EmulatorClock clock, RuntimeConfig config)
    {
        _clock = clock;
        _config = config;
    }

    public long Rejected => Interlocked.Read(ref _rejected);

    public RateDecision Hit(string tokenId)
    {
        var now = _clock.Now;
        var limit = _config.RateLimitPerMinute;
        var window = TimeSpan.FromSeconds(_config.RateLimitWindowSeconds);
        var w = _windows.GetOrAdd(tokenId, _ => new WindowState());
        lock (w)
        {
            // A new window starts with the first request after the previous one ended (or if the clock went back).
            if (w.Count == 0 || now >= w.Start + window || now < w.Start)
            {
                w.Start = now;
                w.Count = 0;
            }

            var reset = (int)Math.Max(1, Math.Ceiling((w.Start + window - now).TotalSeconds));
            if (w.Count >= limit)
            {
                Interlocked.Increment(ref _rejected);
                return new RateDecision(false, w.Count, limit, reset);
            }

            w.Count++;
            return new RateDecision(true, w.Count, limit, reset);
        }
    }

    public void Reset() => _windows.Clear();

    private sealed class WindowState
    {
        public DateTimeOffset Start;
        public int Count;
    }
}
