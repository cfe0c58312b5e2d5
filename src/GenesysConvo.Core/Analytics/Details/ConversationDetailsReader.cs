using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Every conversation that STARTED in a window, exactly once, as a stream of pages. The window is split into
/// intervals the API accepts (7 days without a filter, 31 with one; halved again where a slice would pass the 100,000-result
/// paging depth), each slice keeps only the conversations that started in it (the API also returns conversations that
/// started earlier on the same UTC day and overlap the slice), and pages are de-duplicated by conversation id. Long
/// windows read the datalake through the jobs API up to a seam a day before its dataAvailabilityDate, and the details
/// query after it, so the two never return the same conversation. Pages are read as they are asked for: a reader that
/// stops early has requested nothing more (and a job it started is deleted).</summary>
public sealed class ConversationDetailsReader
{
    /// <summary>Windows longer than this use the jobs API (Auto) for the part the datalake holds.</summary>
    public static readonly TimeSpan BulkThreshold = TimeSpan.FromDays(31);
    public static readonly TimeSpan UnfilteredMaximum = TimeSpan.FromDays(7);
    public static readonly TimeSpan FilteredMaximum = TimeSpan.FromDays(31);
    private static readonly TimeSpan s_smallestSlice = TimeSpan.FromMinutes(1);

    private readonly AnalyticsApi _api;
    private readonly DetailsRequest _request;
    private long _fetched;
    private long _estimated;

    public ConversationDetailsReader(AnalyticsApi api, DetailsRequest request)
    {
        if (request.PageSize < 1 || request.PageSize > AnalyticsApi.MaxDetailsPageSize)
            throw new ArgumentOutOfRangeException(nameof(request.PageSize), request.PageSize,
                $"Use a page size from 1 to {AnalyticsApi.MaxDetailsPageSize} (the details query's maximum).");
        _api = api;
        _request = request;
    }

    /// <summary>The longest interval one details query accepts: 7 days without filters, 31 with.</summary>
    public static TimeSpan MaximumSlice(DetailsQuery query) => query.HasFilters ? FilteredMaximum : UnfilteredMaximum;

    /// <summary>The approximate number of conversations the details query reports for the window: one page-size-1
    /// request per slice.</summary>
    public async Task<long> EstimateTotalAsync(CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var slice in _request.Window.Split(MaximumSlice(_request.Query)))
        {
            var page = await _api.PostConversationsDetailsQueryAsync(_request.Query.ForPage(slice, 1), cancellationToken)
                .ConfigureAwait(false);
            total += page.TotalHits ?? 0;
        }
        return total;
    }

    public async IAsyncEnumerable<DetailsPage> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (jobPart, queryPart) = await PlanAsync(cancellationToken).ConfigureAwait(false);
        if (jobPart is { } bulk)
        {
            await foreach (var page in ReadJobAsync(bulk, cancellationToken).ConfigureAwait(false)) yield return page;
            if (_request.IncludeActive)
            {
                // Conversations still open are not in the datalake: the details query finds them (few, so cheap).
                var active = _request.Query.Clone();
                active.Add(DetailsFilterKind.Conversation, QueryFilters.AllOf(QueryFilters.NotExists("conversationEnd")));
                await foreach (var page in ReadQueryAsync(bulk, active, cancellationToken).ConfigureAwait(false)) yield return page;
            }
        }
        if (queryPart is { } recent)
            await foreach (var page in ReadQueryAsync(recent, _request.Query, cancellationToken).ConfigureAwait(false)) yield return page;
    }

    /// <summary>Which part of the window the jobs API reads (the datalake's part, for long windows or -Bulk) and which the
    /// query.</summary>
    private async Task<(TimeWindow? Jobs, TimeWindow? Query)> PlanAsync(CancellationToken cancellationToken)
    {
        var window = _request.Window;
        var useJobs = _request.Source == DetailsSource.Jobs || (_request.Source == DetailsSource.Auto && window.Length > BulkThreshold);
        if (!useJobs) return (null, window);
        var available = await new DetailsJobReader(_api, _request.Activity).GetDataAvailabilityAsync(cancellationToken)
            .ConfigureAwait(false);
        // A day of margin before the availability date: what the datalake holds there is complete.
        var seam = new DateTimeOffset(available.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        OperationContext.Observer.Verbose($"The datalake holds data up to {available:u}: jobs API before {seam:u}, details query after.");
        if (seam <= window.Start) return (null, window);
        var jobsPart = new TimeWindow(window.Start, seam < window.End ? seam : window.End);
        return (jobsPart, seam < window.End ? new TimeWindow(seam, window.End) : (TimeWindow?)null);
    }

    private async IAsyncEnumerable<DetailsPage> ReadJobAsync(
        TimeWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        var jobs = new DetailsJobReader(_api, _request.Activity);
        await foreach (var conversations in jobs.ReadAsync(_request.Query, window, cancellationToken).ConfigureAwait(false))
        {
            number++;
            _fetched += conversations.Count;
            // Jobs match every conversation whose lifetime overlaps the interval; keep those that started in it.
            var fresh = conversations.Where(c => window.Contains(c.ConversationStart) && seen.Add(c.ConversationId)
                                                 && (_request.IncludeActive || c.ConversationEnd != null)).ToList();
            var label = $"jobs API ({window.Start:yyyy-MM-dd} to {window.End:yyyy-MM-dd} UTC), result page {number}";
            yield return new DetailsPage(fresh, label, _fetched, _estimated);
        }
    }

    private async IAsyncEnumerable<DetailsPage> ReadQueryAsync(
        TimeWindow window, DetailsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Each slice keeps the ids it has given; halves of a slice share them, so a slice split after some of its pages
        // were given does not give those conversations again.
        var slices = new LinkedList<(TimeWindow Window, HashSet<string> Seen)>(
            window.Split(MaximumSlice(query)).Select(w => (w, new HashSet<string>(StringComparer.OrdinalIgnoreCase))));
        var number = 0;
        while (slices.First is { } next)
        {
            slices.RemoveFirst();
            var (slice, seen) = next.Value;
            number++;
            var label = $"slice {number} of {number + slices.Count} ({slice.Start:yyyy-MM-dd HH:mm} to {slice.End:yyyy-MM-dd HH:mm} UTC)";
            for (var pageNumber = 1; ; pageNumber++)
            {
                var step = await ReadSlicePageAsync(query, slice, pageNumber, cancellationToken).ConfigureAwait(false);
                if (step.Conversations is { } conversations)
                {
                    var fresh = conversations.Where(c => slice.Contains(c.ConversationStart) && seen.Add(c.ConversationId)).ToList();
                    yield return new DetailsPage(fresh, $"{label}, page {pageNumber}", _fetched, _estimated);
                }
                if (step.Halves is { } halves)
                {
                    // Too many results for one slice: do its halves next, in order.
                    slices.AddFirst((halves.Second, seen));
                    slices.AddFirst((halves.First, seen));
                    number--;
                    break;
                }
                if (step.Conversations is null) break;
            }
        }
    }

    /// <summary>One page of a slice: its conversations (none past the end), and the slice's halves when the rest of the
    /// slice holds more than the API pages through.</summary>
    private async Task<SliceStep> ReadSlicePageAsync(
        DetailsQuery query, TimeWindow slice, int pageNumber, CancellationToken cancellationToken)
    {
        var pageSize = _request.PageSize;
        Api.Models.AnalyticsConversationQueryResponse page;
        try
        {
            page = await _api.PostConversationsDetailsQueryAsync(query.ForPage(slice, pageSize, pageNumber), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (GenesysApiException e) when (IsTooDeep(e) && slice.Length > s_smallestSlice)
        {
            OperationContext.Observer.Verbose($"{slice} grew past the paging depth while it was read; splitting it.");
            return SliceStep.Split(slice.Halve());
        }
        if (pageNumber == 1)
        {
            if (page.TotalHits > AnalyticsApi.MaxDetailsDepth && slice.Length > s_smallestSlice)
            {
                OperationContext.Observer.Verbose(
                    $"{slice} holds about {page.TotalHits} conversations, more than the API pages through; splitting it.");
                return SliceStep.Split(slice.Halve());
            }
            _estimated += page.TotalHits ?? 0;
        }
        if (page.Conversations is null || page.Conversations.Count == 0) return SliceStep.End;
        _fetched += page.Conversations.Count;
        if ((long)(pageNumber + 1) * pageSize <= AnalyticsApi.MaxDetailsDepth) return SliceStep.Page(page.Conversations);
        // The next page would pass the paging depth: the rest of the slice is read as two halves.
        if (slice.Length <= s_smallestSlice)
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest,
                $"More than {AnalyticsApi.MaxDetailsDepth} conversations started within one minute ({slice}); "
                + "narrow the search with filters.");
        return SliceStep.Page(page.Conversations, then: slice.Halve());
    }

    private static bool IsTooDeep(GenesysApiException e) =>
        e.Kind == GenesysErrorKind.InvalidRequest && e.Message.IndexOf("may not exceed", StringComparison.OrdinalIgnoreCase) >= 0;

    private readonly struct SliceStep
    {
        private SliceStep(IReadOnlyList<AnalyticsConversation>? conversations, (TimeWindow, TimeWindow)? halves)
        {
            Conversations = conversations;
            Halves = halves;
        }

        public IReadOnlyList<AnalyticsConversation>? Conversations { get; }
        public (TimeWindow First, TimeWindow Second)? Halves { get; }

        public static SliceStep End => default;
        public static SliceStep Split((TimeWindow, TimeWindow) halves) => new SliceStep(null, halves);
        public static SliceStep Page(IReadOnlyList<AnalyticsConversation> conversations, (TimeWindow, TimeWindow)? then = null) =>
            new SliceStep(conversations, then);
    }
}
