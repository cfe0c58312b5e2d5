using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Directory;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Analytics;

public enum HistorySource
{
    /// <summary>The details query; the jobs API for the part of windows longer than <see cref="ConversationHistory.BulkThreshold"/> that the datalake holds.</summary>
    Auto,
    /// <summary>Only the synchronous details query.</summary>
    Query,
    /// <summary>The jobs API wherever the datalake has the data (-Bulk).</summary>
    Jobs,
}

public enum HistoryExpansion
{
    None,
    Participant,
    Session,
    Segment,
    /// <summary>One ActiveConversation per conversation (Get-GenesysActiveConversation).</summary>
    Live,
}

public sealed class HistoryRequest
{
    public TimeWindow Window { get; set; }
    public ConversationQuery Query { get; set; } = ConversationQuery.Empty();
    /// <summary>Also return conversations still in progress (no conversationEnd filter was added).</summary>
    public bool IncludeActive { get; set; }
    public int PageSize { get; set; } = DetailsQueryPager.MaxPageSize;
    public HistorySource Source { get; set; }
    public HistoryExpansion Expand { get; set; }
    /// <summary>Records to pass over before the first one written (-Skip).</summary>
    public long Skip { get; set; }
    /// <summary>Records to write at most (-First): no page is requested beyond the one that completes them.</summary>
    public long? Limit { get; set; }
    /// <summary>The progress bar's title.</summary>
    public string Activity { get; set; } = "Search-GenesysConversationHistory";
}

/// <summary>Every conversation that STARTED in a window, exactly once, streamed page by page. The window is split into
/// intervals the API accepts (7 days without a filter, 31 with one; halved again where a slice would pass 100,000
/// results), each slice keeps only the conversations that started in it (the API also returns conversations that
/// started earlier on the same UTC day and overlap the slice), and pages are de-duplicated by conversation id.
/// Long windows read the datalake through the jobs API up to a seam a day before its dataAvailabilityDate, and the
/// details query after it, so the two never return the same conversation.</summary>
public sealed class ConversationHistory
{
    /// <summary>Windows longer than this use the jobs API (Auto) for the part the datalake holds.</summary>
    public static readonly TimeSpan BulkThreshold = TimeSpan.FromDays(31);
    public static readonly TimeSpan UnfilteredMaximum = TimeSpan.FromDays(7);
    public static readonly TimeSpan FilteredMaximum = TimeSpan.FromDays(31);
    private static readonly TimeSpan s_smallestSlice = TimeSpan.FromMinutes(1);
    private string Activity => _request.Activity;

    private readonly GenesysConnection _connection;
    private readonly HistoryRequest _request;
    private readonly Action<object> _write;
    private readonly DetailsQueryPager _pager;
    private long _passed;
    private long _written;
    private long _fetched;
    private long _estimated;

    private ConversationHistory(GenesysConnection connection, HistoryRequest request, Action<object> write)
    {
        _connection = connection;
        _request = request;
        _write = write;
        _pager = new DetailsQueryPager(connection);
    }

    /// <summary>Writes each record through <paramref name="write"/> as its page arrives; returns how many were written.</summary>
    public static async Task<long> SearchAsync(GenesysConnection connection, HistoryRequest request, Action<object> write, CancellationToken cancellationToken)
    {
        if (request.PageSize < 1 || request.PageSize > DetailsQueryPager.MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(request.PageSize), request.PageSize, $"Use a page size from 1 to {DetailsQueryPager.MaxPageSize} (the details query's maximum).");
        var search = new ConversationHistory(connection, request, write);
        try
        {
            await search.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (OperationContext.Observer as IProgressObserver)?.Progress(request.Activity, "Done", 100, null, completed: true);
        }
        return search._written;
    }

    /// <summary>The approximate number of conversations the details query reports for the window (-IncludeTotalCount):
    /// one page-size-1 request per slice.</summary>
    public static async Task<long> EstimateTotalAsync(GenesysConnection connection, HistoryRequest request, CancellationToken cancellationToken)
    {
        var pager = new DetailsQueryPager(connection);
        long total = 0;
        foreach (var slice in request.Window.Split(MaximumSlice(request.Query)))
            total += (await pager.GetPageAsync(request.Query, slice, 1, 1, cancellationToken).ConfigureAwait(false)).TotalHits ?? 0;
        return total;
    }

    private bool Done => _request.Limit is { } limit && _written >= limit;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var window = _request.Window;
        TimeWindow? jobPart = null, queryPart = window;
        if (_request.Source == HistorySource.Jobs || (_request.Source == HistorySource.Auto && window.Length > BulkThreshold))
        {
            var available = await new DetailsJobRunner(_connection).GetDataAvailabilityAsync(cancellationToken).ConfigureAwait(false);
            // A day of margin before the availability date: what the datalake holds there is complete.
            var seam = new DateTimeOffset(available.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
            OperationContext.Observer.Verbose($"The datalake holds data up to {available:u}: jobs API before {seam:u}, details query after.");
            if (seam > window.Start)
            {
                jobPart = new TimeWindow(window.Start, seam < window.End ? seam : window.End);
                queryPart = seam < window.End ? new TimeWindow(seam, window.End) : (TimeWindow?)null;
            }
        }

        if (jobPart is { } bulk)
        {
            await RunJobAsync(bulk, cancellationToken).ConfigureAwait(false);
            // Conversations still open are not in the datalake: the details query finds them (few, so cheap).
            if (_request.IncludeActive && !Done)
            {
                var active = _request.Query.Clone();
                active.AddFilter("conversationFilters", "and", new[] { ConversationQuery.DimensionExists("conversationEnd", false) });
                await RunQueryAsync(bulk, active, cancellationToken).ConfigureAwait(false);
            }
        }
        if (queryPart is { } recent && !Done) await RunQueryAsync(recent, _request.Query, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunQueryAsync(TimeWindow window, ConversationQuery query, CancellationToken cancellationToken)
    {
        // Each slice keeps the ids it has written; halves of a slice share them, so a slice split after some of its
        // pages were written does not write those conversations again.
        var slices = new Queue<(TimeWindow Window, HashSet<string> Seen)>(
            window.Split(MaximumSlice(query)).Select(w => (w, new HashSet<string>(StringComparer.OrdinalIgnoreCase))));
        var number = 0;
        while (slices.Count > 0 && !Done)
        {
            var (slice, seen) = slices.Dequeue();
            number++;
            var split = await RunSliceAsync(slice, query, seen, $"slice {number} of {number + slices.Count}", cancellationToken).ConfigureAwait(false);
            if (split is { } halves)
            {
                // Too many results for one slice: do its halves next, in order.
                var rest = slices.ToList();
                slices = new Queue<(TimeWindow, HashSet<string>)>(new[] { (halves.First, seen), (halves.Second, seen) }.Concat(rest));
                number--;
            }
        }
    }

    /// <summary>Pages one slice. Returns its halves instead when it holds more than the API's paging depth.</summary>
    private async Task<(TimeWindow First, TimeWindow Second)?> RunSliceAsync(TimeWindow slice, ConversationQuery query, HashSet<string> seen, string label, CancellationToken cancellationToken)
    {
        var pageSize = _request.PageSize;
        for (var pageNumber = 1; !Done; pageNumber++)
        {
            DetailsPage page;
            try
            {
                page = await _pager.GetPageAsync(query, slice, pageSize, pageNumber, cancellationToken).ConfigureAwait(false);
            }
            catch (GenesysApiException e) when (DetailsQueryPager.IsTooDeep(e) && slice.Length > s_smallestSlice)
            {
                OperationContext.Observer.Verbose($"{slice} grew past the paging depth while it was read; splitting it.");
                return slice.Halve();
            }
            if (pageNumber == 1)
            {
                if (page.TotalHits > DetailsQueryPager.MaxDepth && slice.Length > s_smallestSlice)
                {
                    OperationContext.Observer.Verbose($"{slice} holds about {page.TotalHits} conversations, more than the API pages through; splitting it.");
                    return slice.Halve();
                }
                _estimated += page.TotalHits ?? 0;
            }
            if (page.Conversations is null || page.Conversations.Count == 0) return null;
            _fetched += page.Conversations.Count;
            var fresh = page.Conversations.Where(c => slice.Contains(c.ConversationStart) && seen.Add(c.ConversationId)).ToList();
            await WritePageAsync(fresh, cancellationToken).ConfigureAwait(false);
            Report($"{label} ({slice.Start:yyyy-MM-dd HH:mm} to {slice.End:yyyy-MM-dd HH:mm} UTC), page {pageNumber}");
            if ((long)(pageNumber + 1) * pageSize > DetailsQueryPager.MaxDepth)
            {
                if (slice.Length <= s_smallestSlice)
                    throw new GenesysApiException(GenesysErrorKind.InvalidRequest,
                        $"More than {DetailsQueryPager.MaxDepth} conversations started within one minute ({slice}); narrow the search with filters.");
                return slice.Halve();
            }
        }
        return null;
    }

    private async Task RunJobAsync(TimeWindow window, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var page = 0;
        await new DetailsJobRunner(_connection).RunAsync(_request.Query, window, async conversations =>
        {
            page++;
            _fetched += conversations.Count;
            var fresh = conversations.Where(c => window.Contains(c.ConversationStart) && seen.Add(c.ConversationId)
                                                 && (_request.IncludeActive || c.ConversationEnd != null)).ToList();
            await WritePageAsync(fresh, cancellationToken).ConfigureAwait(false);
            Report($"jobs API ({window.Start:yyyy-MM-dd} to {window.End:yyyy-MM-dd} UTC), result page {page}");
            return !Done;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names the page's ids in one bulk lookup per kind, then writes its records (or expanded rows).</summary>
    private async Task WritePageAsync(List<AnalyticsConversation> conversations, CancellationToken cancellationToken)
    {
        if (conversations.Count == 0) return;
        var names = _connection.Names;
        foreach (var group in ConversationRecordBuilder.IdsIn(conversations).GroupBy(x => x.Kind))
            await names.ResolveAsync(group.Key, group.Select(x => x.Id), cancellationToken).ConfigureAwait(false);
        var builder = new ConversationRecordBuilder(names.NameOf, _connection.Options.Time.GetUtcNow());
        foreach (var conversation in conversations)
        {
            IEnumerable<object> rows = _request.Expand switch
            {
                HistoryExpansion.Participant => builder.Participants(conversation),
                HistoryExpansion.Session => builder.Sessions(conversation),
                HistoryExpansion.Segment => builder.Segments(conversation),
                HistoryExpansion.Live => new object[] { builder.Live(conversation) },
                _ => new object[] { builder.Conversation(conversation) },
            };
            // -First/-Skip count conversations, also when each one expands into several rows.
            if (_passed < _request.Skip) { _passed++; continue; }
            if (Done) return;
            foreach (var row in rows) _write(row);
            _written++;
        }
    }

    private void Report(string where)
    {
        if (!(OperationContext.Observer is IProgressObserver progress)) return;
        var percent = _estimated > 0 ? (int)Math.Min(99, 100 * _fetched / _estimated) : -1;
        progress.Progress(Activity, $"{_written} conversations written, {_fetched} fetched of about {_estimated}", percent, where);
    }

    /// <summary>The longest interval one details query accepts: 7 days without filters, 31 with.</summary>
    public static TimeSpan MaximumSlice(ConversationQuery query) => query.HasFilters ? FilteredMaximum : UnfilteredMaximum;
}
