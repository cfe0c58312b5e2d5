using System.Collections.Concurrent;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>One async details job; its state is derived from the emulator clock (QUEUED → PENDING → FULFILLED|FAILED → EXPIRED).</summary>
public sealed class DetailsJob
{
    public required string Id { get; init; }
    public required ParsedDetailsQuery Query { get; init; }
    public required DateTimeOffset SubmissionDate { get; init; }
    public required DateTimeOffset CompletionDate { get; init; }
    public required DateTimeOffset ExpirationDate { get; init; }
    public required double LagMinutes { get; init; }
    public required bool WillFail { get; init; }
    /// <summary>jobsIncludeOpenConversations as it was at submission.</summary>
    public required bool IncludeOpen { get; init; }
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Ordered generator indexes of the result, computed once when first read after completion.</summary>
    public List<long>? ResultIndexes { get; set; }

    /// <summary>The datalake cut-off the job ran against: completion time minus the availability lag.</summary>
    public DateTimeOffset DataAvailabilityDate => DetailsJobStore.AvailabilityAt(CompletionDate, LagMinutes);

    public string StateAt(DateTimeOffset now)
    {
        if (CancelledAt is not null) return "CANCELLED";
        if (now < CompletionDate)
            return now < SubmissionDate + (CompletionDate - SubmissionDate) * QueuedShare ? "QUEUED" : "PENDING";
        if (now >= ExpirationDate) return "EXPIRED";
        return WillFail ? "FAILED" : "FULFILLED";
    }

    public required double QueuedShare { get; init; }
}

public sealed class DetailsJobStore
{
    public const string FailureMessage = "The job failed while running the query (failure injected by the emulator: failNextJobs).";

    private readonly ConcurrentDictionary<string, DetailsJob> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConversationMatcher _matcher;
    private readonly object _resultGate = new();

    public DetailsJobStore(ConversationMatcher matcher) => _matcher = matcher;

    /// <summary>
    /// "Date and time before which data is guaranteed to be available in the datalake": now − lag, truncated to the minute.
    /// </summary>
    public static DateTimeOffset AvailabilityAt(DateTimeOffset now, double lagMinutes)
    {
        var t = now.ToUniversalTime().AddMinutes(-lagMinutes);
        return new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);
    }

    public DetailsJob Submit(ParsedDetailsQuery query, DateTimeOffset now, RuntimeConfig config)
    {
        var queued = config.JobQueuedMs;
        var pending = config.JobPendingMs;
        var completion = now.AddMilliseconds(queued + pending);
        var job = new DetailsJob
        {
            Id = Guid.NewGuid().ToString("D"),
            Query = query,
            SubmissionDate = now,
            CompletionDate = completion,
            ExpirationDate = completion.AddSeconds(config.JobExpirySeconds),
            LagMinutes = config.DataAvailabilityLagMinutes,
            WillFail = config.TakeJobFailure(),
            IncludeOpen = config.JobsIncludeOpenConversations,
            QueuedShare = queued + pending == 0 ? 0 : (double)queued / (queued + pending),
        };
        _jobs[job.Id] = job;
        return job;
    }

    public DetailsJob? Find(string id) => _jobs.GetValueOrDefault(id);

    public void Clear() => _jobs.Clear();

    /// <summary>
    /// Job semantics: lifetime overlap with the interval (or query-like with startOfDayIntervalMatching), only
    /// conversations that ENDED before the job's dataAvailabilityDate (unless the job was submitted with
    /// jobsIncludeOpenConversations: see <see cref="DatalakeCutoff"/>), records as of the completion time, `limit` applied.
    /// </summary>
    public List<long> Results(DetailsJob job)
    {
        lock (_resultGate)
        {
            return job.ResultIndexes ??= Compute(_matcher, job.Query, job.CompletionDate,
                new DatalakeCutoff(job.DataAvailabilityDate, job.IncludeOpen));
        }
    }

    public static List<long> Compute(ConversationMatcher matcher, ParsedDetailsQuery query, DateTimeOffset now, DatalakeCutoff cutoff)
    {
        var matches = matcher.Find(query, now, startOfDay: query.Body.StartOfDayIntervalMatching == true, cutoff);
        var sorted = ConversationMatcher.Sort(matches, query.Order, query.OrderBy).Select(m => m.Index);
        if (query.Body.Limit is { } limit) sorted = sorted.Take(limit);
        return sorted.ToList();
    }
}
