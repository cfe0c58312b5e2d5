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
    string? Fault);

/// <summary>Every non-control request of both hosts, for tests to assert on (retries, paging, which token was used).</summary>
public sealed class RequestLog
{
    private const int Capacity = 100_000; // keeps a runaway test from eating memory
    private readonly object _gate = new();
    private readonly LinkedList<RequestLogEntry> _entries = new();
    private long _seq;
    private long _total;

    public long Total { get { lock (_gate) return _total; } }

    public void Add(DateTimeOffset time, string host, string method, string path, string query, int status,
        double elapsedMs, string correlationId, string? tokenId, string? fault)
    {
        lock (_gate)
        {
            _entries.AddLast(new RequestLogEntry(++_seq, time, host, method, path, query, status,
                Math.Round(elapsedMs, 2), correlationId, tokenId, fault));
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
