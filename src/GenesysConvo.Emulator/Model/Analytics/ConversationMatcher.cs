using System.Collections.Concurrent;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>One matching conversation as of the evaluation time: null End = still live, null LastSegmentEnd = a segment is open.</summary>
public readonly record struct MatchedConversation(long Index, DateTimeOffset Start, DateTimeOffset? End, DateTimeOffset? LastSegmentEnd);

/// <summary>
/// A job's datalake cut-off: only conversations whose conversationEnd is before <paramref name="EndedBefore"/>; with
/// <paramref name="IncludeOpen"/> (test-only knob jobsIncludeOpenConversations) also those still open at the evaluation
/// time and those that ended at or after the cut-off but started in the interval.
/// </summary>
public readonly record struct DatalakeCutoff(DateTimeOffset EndedBefore, bool IncludeOpen = false)
{
    public bool Admits(DateTimeOffset start, DateTimeOffset? end, ParsedDetailsQuery q)
        => end < EndedBefore || (IncludeOpen && (end is null || (start >= q.Start && start < q.End)));
}

/// <summary>
/// Interval + filter matching over the generator's index ranges (never a scan of all history):
/// <list type="bullet">
/// <item>query semantics (sync details query, jobs with startOfDayIntervalMatching): the conversation started on a UTC day
/// touched by the interval (start ≥ UTC midnight of the interval start, start &lt; interval end) AND its lifetime
/// [start, end-or-now] overlaps the interval;</item>
/// <item>lifetime semantics (jobs by default): lifetime overlaps the interval, whatever day it started (look-back bounded
/// by <see cref="ConversationGenerator.LongestConversation"/>).</item>
/// </list>
/// Conversations that have not started at "now" do not exist. Span (end / completion) and filter results of completed
/// conversations are cached, so paging through one query costs dictionary look-ups after the first page.
/// </summary>
public sealed class ConversationMatcher
{
    private const int MaxCachedSpans = 4_000_000;
    private const int MaxCachedFilterKeys = 64;

    private readonly ConversationGenerator _generator;
    private readonly ConcurrentDictionary<long, (DateTimeOffset End, DateTimeOffset CompleteAt)> _spans = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, bool>> _filterResults = new(StringComparer.Ordinal);

    public ConversationMatcher(ConversationGenerator generator) => _generator = generator;

    public ConversationGenerator Generator => _generator;

    /// <param name="now">Evaluation time: which conversations exist, which are live, what their records hold.</param>
    /// <param name="startOfDay">Query semantics (true) or lifetime semantics (false).</param>
    /// <param name="cutoff">Jobs: which conversations the datalake holds (by default those that ended before its date).</param>
    public List<MatchedConversation> Find(ParsedDetailsQuery q, DateTimeOffset now, bool startOfDay, DatalakeCutoff? cutoff = null)
    {
        var lower = startOfDay ? UtcDay(q.Start) : q.Start - _generator.LongestConversation;
        var upper = q.End < now ? q.End : now.AddTicks(1); // started before the interval end, and at or before now
        var (first, end) = _generator.IndexRangeFor(lower, upper);
        var count = (int)Math.Max(0, end - first);
        var keep = new MatchedConversation?[count];

        if (_spans.Count > MaxCachedSpans) _spans.Clear();
        var filterCache = q.Filters.IsEmpty ? null : FilterCache(q.Filters.Key);

        void Evaluate(int i)
        {
            var k = first + i;
            var start = _generator.StartOf(k);
            var (fullEnd, completeAt) = SpanOf(k);
            var live = fullEnd > now;
            var effectiveEnd = live ? now : fullEnd;
            if (start < q.Start && effectiveEnd <= q.Start) return; // lifetime does not reach into the interval
            if (cutoff is { } datalake && !datalake.Admits(start, live ? null : fullEnd, q)) return;
            if (filterCache is not null && !FilterMatches(q.Filters, filterCache, k, now, completeAt <= now)) return;
            keep[i] = new MatchedConversation(k, start, live ? null : fullEnd, completeAt <= now ? completeAt : null);
        }

        if (count > 512) Parallel.For(0, count, Evaluate);
        else for (var i = 0; i < count; i++) Evaluate(i);

        var result = new List<MatchedConversation>();
        foreach (var m in keep)
            if (m is { } x) result.Add(x);
        return result;
    }

    /// <summary>orderBy conversationStart / segmentStart (= the first segment's start, i.e. conversationStart),
    /// conversationEnd, segmentEnd (= last segment end); missing values sort last in both directions.</summary>
    public static List<MatchedConversation> Sort(List<MatchedConversation> matches, string order, string orderBy)
    {
        if (order == "unordered") return matches;
        Func<MatchedConversation, DateTimeOffset?> key = orderBy switch
        {
            "conversationEnd" => m => m.End,
            "segmentEnd" => m => m.LastSegmentEnd,
            _ => m => m.Start,
        };
        var present = matches.Where(m => key(m) is not null);
        var sorted = order == "desc"
            ? present.OrderByDescending(m => key(m)).ThenByDescending(m => m.Index)
            : present.OrderBy(m => key(m)).ThenBy(m => m.Index);
        return sorted.Concat(matches.Where(m => key(m) is null)).ToList();
    }

    public static DateTimeOffset UtcDay(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private (DateTimeOffset End, DateTimeOffset CompleteAt) SpanOf(long k)
    {
        if (_spans.TryGetValue(k, out var span)) return span;
        var (_, end, complete) = _generator.Span(k);
        span = (end, complete);
        _spans[k] = span;
        return span;
    }

    private ConcurrentDictionary<long, bool> FilterCache(string key)
    {
        if (_filterResults.Count > MaxCachedFilterKeys && !_filterResults.ContainsKey(key)) _filterResults.Clear();
        return _filterResults.GetOrAdd(key, _ => new ConcurrentDictionary<long, bool>());
    }

    /// <summary>Results for completed conversations never change, so they are cached per filter set.</summary>
    private bool FilterMatches(CompiledFilters filters, ConcurrentDictionary<long, bool> cache, long k, DateTimeOffset now, bool complete)
    {
        if (complete && cache.TryGetValue(k, out var known)) return known;
        var record = _generator.Get(k, now);
        var matches = record is not null && Predicates.Matches(filters, record);
        if (complete) cache[k] = matches;
        return matches;
    }
}
