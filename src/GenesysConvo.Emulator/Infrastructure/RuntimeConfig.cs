namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>Settings tests may change at run time via PUT /__emulator/config; reset restores the command-line values.</summary>
public sealed class RuntimeConfig
{
    private readonly EmulatorOptions _defaults;
    private readonly object _gate = new();
    private int _tokenLifetimeSeconds;
    private int _rateLimitPerMinute;
    private HashSet<string> _denied = new(StringComparer.OrdinalIgnoreCase);

    public RuntimeConfig(EmulatorOptions defaults)
    {
        _defaults = defaults;
        Reset();
    }

    public int TokenLifetimeSeconds { get { lock (_gate) return _tokenLifetimeSeconds; } }
    public int RateLimitPerMinute { get { lock (_gate) return _rateLimitPerMinute; } }

    public bool IsDenied(string permission)
    {
        lock (_gate) return _denied.Contains(permission);
    }

    public void Merge(ConfigUpdate update)
    {
        lock (_gate)
        {
            if (update.TokenLifetimeSeconds is { } life)
            {
                if (life <= 0) throw new ArgumentException("tokenLifetimeSeconds must be > 0.");
                _tokenLifetimeSeconds = life;
            }

            if (update.RateLimitPerMinute is { } rate)
            {
                if (rate <= 0) throw new ArgumentException("rateLimitPerMinute must be > 0.");
                _rateLimitPerMinute = rate;
            }

            if (update.DeniedPermissions is { } denied)
                _denied = new HashSet<string>(denied, StringComparer.OrdinalIgnoreCase);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tokenLifetimeSeconds = _defaults.TokenLifetimeSeconds;
            _rateLimitPerMinute = _defaults.RateLimitPerMinute;
            _denied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
    }

    public ConfigSnapshot Snapshot()
    {
        lock (_gate)
            return new ConfigSnapshot(_tokenLifetimeSeconds, _rateLimitPerMinute, _denied.OrderBy(p => p, StringComparer.Ordinal).ToArray());
    }
}

public sealed class ConfigUpdate
{
    public int? TokenLifetimeSeconds { get; set; }
    public int? RateLimitPerMinute { get; set; }
    public string[]? DeniedPermissions { get; set; }
}

public sealed record ConfigSnapshot(int TokenLifetimeSeconds, int RateLimitPerMinute, string[] DeniedPermissions);
