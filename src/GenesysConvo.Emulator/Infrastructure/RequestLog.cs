namespace GenesysConvo.Emulator.Infrastructure;

public sealed record RequestLogEntry(
    long Seq,
    DateTimeOffset Time,
    string Host,
    string Method,
    string Path,
    string Query,
    int Status,
    double ElapsedMs,
    string CorrelationId,
    string? TokenId,
    string? Fault,
    object? Detail = null);

/// <summary>Every non-control request of both hosts, for tests to assert on (retries, paging, which token was used).</summary>
public sealed class RequestLog
{
    /// <summary>
    /// HttpContext.Items key: an endpoint may put a small object here (e.g. paging of a details query) to be logged as "detail".
    /// </summary>
    public const string DetailItem = "emulator.logDetail";

    private const int Capacity = 100_000; // keeps a runaway test from eating memory
    private readonly object _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _seq;
    private long _total;

    public long Total { get { lock (_gate) return _total; } }

    public void Add(DateTimeOffset time, string host, string method, string path, string query, int status,
        double elapsedMs, string correlationId, string? tokenId, string? fault, object? detail = null)
    {
        lock (_gate)
        {
            _entries.AddLast(new RequestLogEntry(++_seq, time, host, method, path, query, status,
                Math.Round(elapsedMs, 2), correlationId, tokenId, fault, detail));
            _total++;
            if (_entries.Count > Capacity) _entries.RemoveFirst();
        }
    }

    public RequestLogEntry[] Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
