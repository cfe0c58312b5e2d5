using System.Net.Http.Headers;
using System.Text.Json;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>A fault rule as posted to /__emulator/faults. Unset matchers match everything.</summary>
public sealed class FaultRule
{
    public int Id { get; set; }
    public string? Method { get; set; }
    public string? PathPrefix { get; set; }
    /// <summary>Also a part the path must contain: "/results" picks a job's result pages whatever the job id.</summary>
    public string? PathContains { get; set; }
    public string? Host { get; set; }
    public string Kind { get; set; } = "status";
    public int? Status { get; set; }
    public string? RetryAfter { get; set; }
    public int? LatencyMs { get; set; }
    /// <summary>How many requests it still applies to; -1 = forever.</summary>
    public int Count { get; set; } = 1;
    /// <summary>How many more matching requests it lets pass untouched before it applies (not taken from Count).</summary>
    public int Skip { get; set; }
    /// <summary>A 'status' rule's own body: a JSON string is sent verbatim as text, any other JSON value as JSON.</summary>
    public JsonElement? Body { get; set; }
    /// <summary>Content-Type of <see cref="Body"/>; default application/json.</summary>
    public string? ContentType { get; set; }
    public int Applied { get; set; }
    /// <summary>How many matching requests it has let pass untouched so far (because of <see cref="Skip"/>).</summary>
    public int Skipped { get; set; }

    public bool Matches(string host, string method, string path)
        => (Host is null || string.Equals(Host, host, StringComparison.OrdinalIgnoreCase))
           && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
           && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
           && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What the faults decided for one request: an optional delay, then at most one terminal fault.</summary>
public sealed record FaultPlan(int LatencyMs, FaultRule? Terminal, string? Description);

public sealed class FaultInjector
{
    /// <summary>Kinds that let the request run normally, then change the body of its real response.</summary>
    public static readonly string[] BodyKinds = ["cutBody", "withoutConversations", "emptyObject"];

    public static readonly string[] Kinds = ["status", "latency", "reset", "truncate", .. BodyKinds];

    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private int _nextId;
    private long _applied;

    public long Applied => Interlocked.Read(ref _applied);

    public FaultRule Add(FaultRule rule)
    {
        rule.Kind = Kinds.FirstOrDefault(k => string.Equals(k, rule.Kind, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"kind must be one of {string.Join(", ", Kinds)}.");
        if (rule.Kind == "status" && rule.Status is null) throw new ArgumentException("kind 'status' needs a status.");
        if (rule.Kind == "latency" && rule.LatencyMs is null) throw new ArgumentException("kind 'latency' needs latencyMs.");
        if (rule.Count == 0 || rule.Count < -1) throw new ArgumentException("count must be a positive number or -1 (forever).");
        if (rule.Skip < 0) throw new ArgumentException("skip must be >= 0 (the number of matching requests to let through first).");
        if (rule.Host is not null && rule.Host is not ("api" or "login")) throw new ArgumentException("host must be 'api' or 'login'.");
        ValidateContentType(rule);
        rule.Applied = 0;
        rule.Skipped = 0;
        lock (_gate)
        {
            rule.Id = ++_nextId;
            _rules.Add(rule);
        }

        return rule;
    }

    public FaultRule[] Snapshot()
    {
        lock (_gate) return _rules.ToArray();
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>
    /// Consumes the matching rules in order: a rule that still has requests to skip lets this one pass (and counts it as
    /// skipped); otherwise every matching latency rule adds its delay and the first matching rule of any other kind ends
    /// the search. Exhausted rules are removed.
    /// </summary>
    public FaultPlan Plan(string host, string method, string path)
    {
        lock (_gate)
        {
            var latency = 0;
            FaultRule? terminal = null;
            var described = new List<string>();
            foreach (var rule in _rules.ToArray())
            {
                if (!rule.Matches(host, method, path)) continue;
                if (rule.Skip > 0)
                {
                    rule.Skip--;
                    rule.Skipped++;
                    continue;
                }

                Consume(rule);
                described.Add(rule.Kind == "status" ? $"status:{rule.Status}" : rule.Kind);
                if (rule.Kind == "latency")
                {
                    latency += Math.Max(0, rule.LatencyMs ?? 0);
                    continue;
                }

                terminal = rule;
                break;
            }

            return new FaultPlan(latency, terminal, described.Count == 0 ? null : string.Join(",", described));
        }
    }

    private static void ValidateContentType(FaultRule rule)
    {
        if (rule.ContentType is null) return;
        if (rule.Kind != "status" || rule.Body is null)
            throw new ArgumentException("contentType goes with a 'status' rule that has a body (it is the Content-Type of that body).");
        if (!MediaTypeHeaderValue.TryParse(rule.ContentType, out _))
            throw new ArgumentException($"contentType '{rule.ContentType}' is not a media type (e.g. text/html; charset=utf-8).");
    }

    private void Consume(FaultRule rule)
    {
        rule.Applied++;
        Interlocked.Increment(ref _applied);
        if (rule.Count > 0 && --rule.Count == 0) _rules.Remove(rule);
    }
}
