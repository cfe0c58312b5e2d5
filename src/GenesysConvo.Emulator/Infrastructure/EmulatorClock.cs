namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>
/// The one clock everything time-based reads (token expiry, rate-limit windows, which conversations are live).
/// Default is real time; tests can shift it (it keeps ticking) or freeze it.
/// </summary>
public sealed class EmulatorClock
{
    private readonly object _gate = new();
    private TimeSpan _offset;
    private DateTimeOffset? _frozenAt;

    public DateTimeOffset Now
    {
        get
        {
            lock (_gate) return _frozenAt ?? DateTimeOffset.UtcNow + _offset;
        }
    }

    public bool IsFrozen { get { lock (_gate) return _frozenAt is not null; } }
    public bool IsOverridden { get { lock (_gate) return _frozenAt is not null || _offset != TimeSpan.Zero; } }

    /// <summary>Jump to <paramref name="now"/>; a running clock keeps ticking from there.</summary>
    public void Set(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_frozenAt is not null) _frozenAt = now;
            else _offset = now - DateTimeOffset.UtcNow;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            if (_frozenAt is not null) _frozenAt += by;
            else _offset += by;
        }
    }

    public void Freeze(bool frozen)
    {
        lock (_gate)
        {
            if (frozen && _frozenAt is null) _frozenAt = DateTimeOffset.UtcNow + _offset;
            else if (!frozen && _frozenAt is not null)
            {
                _offset = _frozenAt.Value - DateTimeOffset.UtcNow;
                _frozenAt = null;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _offset = TimeSpan.Zero;
            _frozenAt = null;
        }
    }
}
