namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>Settings tests may change at run time via PUT /__emulator/config; reset restores the command-line values.</summary>
public sealed class RuntimeConfig
{
    private readonly EmulatorOptions _defaults;
    private readonly object _gate = new();
    private int _tokenLifetimeSeconds;
    private int _rateLimitPerMinute;
    private int _rateLimitWindowSeconds;
    private HashSet<string> _denied = new(StringComparer.OrdinalIgnoreCase);
    private double _detailsDuplicateRate;
    private int _jobQueuedMs;
    private int _jobPendingMs;
    private int _jobExpirySeconds;
    private double _dataAvailabilityLagMinutes;
    private int _failNextJobs;
    private bool _jobsIncludeOpenConversations;
    private double _analyticsLagSeconds;

    public const int DefaultRateLimitWindowSeconds = 60;
    public const int DefaultJobQueuedMs = 300;
    public const int DefaultJobPendingMs = 700;
    public const int DefaultJobExpirySeconds = 3600;
    public const double DefaultDataAvailabilityLagMinutes = 120;

    public RuntimeConfig(EmulatorOptions defaults)
    {
        _defaults = defaults;
        Reset();
    }

    public int TokenLifetimeSeconds { get { lock (_gate) return _tokenLifetimeSeconds; } }
    /// <summary>Requests one token may send per window (the real limit is 300 a minute).</summary>
    public int RateLimitPerMinute { get { lock (_gate) return _rateLimitPerMinute; } }
    /// <summary>Test-only: the window's length, 60 s as on the real API. Clients learn it from inin-ratelimit-reset, so
    /// a shorter window lets a test see several windows without waiting minutes.</summary>
    public int RateLimitWindowSeconds { get { lock (_gate) return _rateLimitWindowSeconds; } }

    /// <summary>0..1: share of the previous page's records that each later details-query page repeats.</summary>
    public double DetailsDuplicateRate { get { lock (_gate) return _detailsDuplicateRate; } }
    /// <summary>Emulator-clock milliseconds a details job stays QUEUED, then PENDING.</summary>
    public int JobQueuedMs { get { lock (_gate) return _jobQueuedMs; } }
    public int JobPendingMs { get { lock (_gate) return _jobPendingMs; } }
    /// <summary>Seconds after completion until a job's results expire (state EXPIRED).</summary>
    public int JobExpirySeconds { get { lock (_gate) return _jobExpirySeconds; } }
    /// <summary>dataAvailabilityDate = emulator now minus this lag (truncated to the minute).</summary>
    public double DataAvailabilityLagMinutes { get { lock (_gate) return _dataAvailabilityLagMinutes; } }

    /// <summary>
    /// Test-only: jobs also return conversations still open at completion, and those that ended after the cut-off but
    /// started in the interval (whether the datalake holds open conversations is not documented: docs/genesys-api.md §3.3).
    /// </summary>
    public bool JobsIncludeOpenConversations { get { lock (_gate) return _jobsIncludeOpenConversations; } }

    /// <summary>How far the near-real-time analytics (details query, conversation details by id) lag behind the clock:
    /// they answer as of now minus this (0 = no lag). The jobs' datalake has its own lag (dataAvailabilityLagMinutes).</summary>
    public double AnalyticsLagSeconds { get { lock (_gate) return _analyticsLagSeconds; } }

    /// <summary>The instant the near-real-time analytics show at <paramref name="now"/>.</summary>
    public DateTimeOffset AnalyticsAsOf(DateTimeOffset now) => now.AddSeconds(-AnalyticsLagSeconds);

    /// <summary>True (and counts down) when the next submitted job must end FAILED.</summary>
    public bool TakeJobFailure()
    {
        lock (_gate)
        {
            if (_failNextJobs <= 0) return false;
            _failNextJobs--;
            return true;
        }
    }

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

            MergeRateLimit(update);

            if (update.DeniedPermissions is { } denied)
                _denied = new HashSet<string>(denied, StringComparer.OrdinalIgnoreCase);

            if (update.DetailsDuplicateRate is { } dup)
            {
                if (dup is < 0 or > 1 || double.IsNaN(dup)) throw new ArgumentException("detailsDuplicateRate must be 0..1.");
                _detailsDuplicateRate = dup;
            }

            if (update.JobQueuedMs is { } queued)
            {
                if (queued < 0) throw new ArgumentException("jobQueuedMs must be >= 0.");
                _jobQueuedMs = queued;
            }

            if (update.JobPendingMs is { } pending)
            {
                if (pending < 0) throw new ArgumentException("jobPendingMs must be >= 0.");
                _jobPendingMs = pending;
            }

            if (update.JobExpirySeconds is { } expiry)
            {
                if (expiry <= 0) throw new ArgumentException("jobExpirySeconds must be > 0.");
                _jobExpirySeconds = expiry;
            }

            if (update.DataAvailabilityLagMinutes is { } lag)
            {
                if (lag < 0 || double.IsNaN(lag)) throw new ArgumentException("dataAvailabilityLagMinutes must be >= 0.");
                _dataAvailabilityLagMinutes = lag;
            }

            if (update.FailNextJobs is { } fail)
            {
                if (fail < 0) throw new ArgumentException("failNextJobs must be >= 0.");
                _failNextJobs = fail;
            }

            if (update.JobsIncludeOpenConversations is { } open) _jobsIncludeOpenConversations = open;
            MergeAnalyticsLag(update);
        }
    }

    private void MergeRateLimit(ConfigUpdate update)
    {
        if (update.RateLimitPerMinute is { } rate)
        {
            if (rate <= 0) throw new ArgumentException("rateLimitPerMinute must be > 0.");
            _rateLimitPerMinute = rate;
        }

        if (update.RateLimitWindowSeconds is { } window)
        {
            if (window <= 0) throw new ArgumentException("rateLimitWindowSeconds must be > 0.");
            _rateLimitWindowSeconds = window;
        }
    }

    private void MergeAnalyticsLag(ConfigUpdate update)
    {
        if (update.AnalyticsLagSeconds is not { } lag) return;
        if (lag < 0 || double.IsNaN(lag)) throw new ArgumentException("analyticsLagSeconds must be >= 0.");
        _analyticsLagSeconds = lag;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _tokenLifetimeSeconds = _defaults.TokenLifetimeSeconds;
            _rateLimitPerMinute = _defaults.RateLimitPerMinute;
            _rateLimitWindowSeconds = DefaultRateLimitWindowSeconds;
            _denied = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _detailsDuplicateRate = 0;
            _jobQueuedMs = DefaultJobQueuedMs;
            _jobPendingMs = DefaultJobPendingMs;
            _jobExpirySeconds = DefaultJobExpirySeconds;
            _dataAvailabilityLagMinutes = DefaultDataAvailabilityLagMinutes;
            _failNextJobs = 0;
            _jobsIncludeOpenConversations = false;
            _analyticsLagSeconds = 0;
        }
    }

    public ConfigSnapshot Snapshot()
    {
        lock (_gate)
            return new ConfigSnapshot(_tokenLifetimeSeconds, _rateLimitPerMinute, _rateLimitWindowSeconds,
                _denied.OrderBy(p => p, StringComparer.Ordinal).ToArray(),
                _detailsDuplicateRate, _jobQueuedMs, _jobPendingMs, _jobExpirySeconds, _dataAvailabilityLagMinutes, _failNextJobs,
                _jobsIncludeOpenConversations, _analyticsLagSeconds);
    }
}

public sealed class ConfigUpdate
{
    public int? TokenLifetimeSeconds { get; set; }
    public int? RateLimitPerMinute { get; set; }
    public int? RateLimitWindowSeconds { get; set; }
    public string[]? DeniedPermissions { get; set; }
    public double? DetailsDuplicateRate { get; set; }
    public int? JobQueuedMs { get; set; }
    public int? JobPendingMs { get; set; }
    public int? JobExpirySeconds { get; set; }
    public double? DataAvailabilityLagMinutes { get; set; }
    public int? FailNextJobs { get; set; }
    public bool? JobsIncludeOpenConversations { get; set; }
    public double? AnalyticsLagSeconds { get; set; }
}

public sealed record ConfigSnapshot(int TokenLifetimeSeconds, int RateLimitPerMinute, int RateLimitWindowSeconds,
    string[] DeniedPermissions,
    double DetailsDuplicateRate, int JobQueuedMs, int JobPendingMs, int JobExpirySeconds, double DataAvailabilityLagMinutes,
    int FailNextJobs, bool JobsIncludeOpenConversations, double AnalyticsLagSeconds);
