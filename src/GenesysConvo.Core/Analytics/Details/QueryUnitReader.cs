using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Reads one query unit of a plan page by page: halves a slice that holds more than the API pages through,
/// keeps what started in the slice and was not given before, and checks the end against the API's own count.</summary>
internal sealed class QueryUnitReader
{
    /// <summary>How often a page that ends a slice too early is asked again before the read fails.</summary>
    internal const int PrematureEndRetries = 2;
    private static readonly TimeSpan s_smallestSlice = TimeSpan.FromMinutes(1);

    private readonly AnalyticsApi _api;
    private readonly DetailsRequest _request;
    private readonly DetailsProgress _progress;
    private readonly DetailsPosition _position;
    private readonly Dictionary<TimeWindow, AnalyticsConversationQueryResponse>? _firstPages;

    public QueryUnitReader(AnalyticsApi api, DetailsRequest request, DetailsProgress progress, DetailsPosition position,
        Dictionary<TimeWindow, AnalyticsConversationQueryResponse>? firstPages = null)
    {
        _api = api;
        _request = request;
        _progress = progress;
        _position = position;
        _firstPages = firstPages;
    }

    public async IAsyncEnumerable<DetailsPage> ReadAsync(
        DetailsUnit unit, string label, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var late = unit.Kind == DetailsUnitKind.LateConversations;
        var query = late ? LateConversations(unit.Window) : _request.Query;
        // Too many results for one slice: its halves are read next, in order (they share the unit's given ids). A resumed
        // unit starts where its slices read to the end stopped.
        var start = _position.UnitDoneUntil is { } done && done > unit.Window.Start && done < unit.Window.End ? done : unit.Window.Start;
        var slices = new Stack<TimeWindow>(new[] { new TimeWindow(start, unit.Window.End) });
        using var next = new NextPage(cancellationToken);
        while (slices.Count > 0)
        {
            var slice = slices.Pop();
            var state = new SliceState();
            for (var pageNumber = 1; ; pageNumber++)
            {
                var step = await ReadPageAsync(query, slice, pageNumber, state, next, cancellationToken).ConfigureAwait(false);
                if (step.Conversations is { } conversations)
                {
                    if (MoreToCome(step, state)) next.Ask(_api, query.ForPage(slice, _request.PageSize, pageNumber + 1));
                    var fresh = conversations
                        .Where(c => slice.Contains(c.ConversationStart) && (!late || Wanted(c))
                                    && _position.GivenInUnit.Add(c.ConversationId, c.ConversationStart))
                        .ToList();
                    yield return new DetailsPage(fresh, $"{label}, page {pageNumber}", _progress.Fetched, _progress.Estimated);
                }
                if (step.Halves is { } halves)
                {
                    slices.Push(halves.Second);
                    slices.Push(halves.First);
                    break;
                }
                if (step.Conversations is null)
                {
                    // Slices are read in order of time: everything before this one's end has been given.
                    _position.FinishSlice(slice.End);
                    break;
                }
            }
        }
    }

    /// <summary>A conversation the datalake may not hold at the plan's availability date: still open, or ended after it.</summary>
    public static bool IsLate(AnalyticsConversation conversation, DateTimeOffset? availability) =>
        conversation.ConversationEnd is null || (availability is { } a && conversation.ConversationEnd >= a);

    /// <summary>A late conversation of the unit that the jobs did not give already (and an open one only with -IncludeActive).</summary>
    private bool Wanted(AnalyticsConversation conversation) =>
        IsLate(conversation, _position.Availability) && !_position.LateFromJobs.Contains(conversation.ConversationId)
        && (_request.IncludeActive || conversation.ConversationEnd != null);

    /// <summary>The conversations of a slice of the jobs part that may be late for the datalake: those that ended after its
    /// availability date A must have lasted longer than A minus the slice's end, so the query asks for those (a superset,
    /// since only long conversations qualify it is small) and, with -IncludeActive, for those still open.</summary>
    private DetailsQuery LateConversations(TimeWindow slice)
    {
        var late = _request.Query.Clone();
        var longest = (long)Math.Max(0, ((_position.Availability ?? slice.End) - slice.End).TotalMilliseconds);
        var ended = new QueryClause
        {
            Type = "and",
            Predicates = { QueryFilters.Exists("conversationEnd"), QueryFilters.MetricAtLeast("tConversationDuration", longest) },
        };
        var filter = new QueryFilter { Type = "or", Clauses = new List<QueryClause> { ended } };
        if (_request.IncludeActive)
            filter.Clauses.Add(new QueryClause { Type = "and", Predicates = { QueryFilters.NotExists("conversationEnd") } });
        late.Add(DetailsFilterKind.Conversation, filter);
        return late;
    }

    /// <summary>One page of a slice: its conversations (none past the end), and the slice's halves when the rest of the
    /// slice holds more than the API pages through.</summary>
    private async Task<SliceStep> ReadPageAsync(DetailsQuery query, TimeWindow slice, int pageNumber, SliceState state,
        NextPage next, CancellationToken cancellationToken)
    {
        var pageSize = _request.PageSize;
        AnalyticsConversationQueryResponse page;
        try
        {
            page = await ReadCheckedPageAsync(query, slice, pageNumber, state, next.Take(), cancellationToken).ConfigureAwait(false);
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
            _progress.Estimated += page.TotalHits ?? 0;
            _position.GivenInUnit.ExpectMore(page.TotalHits ?? 0);
        }
        if (page.Conversations is null || page.Conversations.Count == 0) return SliceStep.End;
        _progress.Fetched += page.Conversations.Count;
        if ((long)(pageNumber + 1) * pageSize <= AnalyticsApi.MaxDetailsDepth) return SliceStep.Page(page.Conversations);
        // The next page would pass the paging depth: the rest of the slice is read as two halves.
        if (slice.Length <= s_smallestSlice)
            throw new GenesysApiException(GenesysErrorKind.InvalidRequest,
                $"More than {AnalyticsApi.MaxDetailsDepth} conversations started within one minute ({slice}); "
                + "narrow the search with filters.");
        return SliceStep.Page(page.Conversations, then: slice.Halve());
    }

    /// <summary>A page, asked again (a few times, with a pause) while it ends the slice before the count the API gave for
    /// it: a page without conversations, or "{}", is the end only once the slice has delivered what the API said it holds
    /// (then, or on its last short page).</summary>
    private async Task<AnalyticsConversationQueryResponse> ReadCheckedPageAsync(DetailsQuery query, TimeWindow slice, int pageNumber,
        SliceState state, Task<AnalyticsConversationQueryResponse>? asked, CancellationToken cancellationToken)
    {
        var body = query.ForPage(slice, _request.PageSize, pageNumber);
        var delay = _api.RetryDelay;
        for (var attempt = 0; ; attempt++)
        {
            var page = attempt == 0 && asked != null ? await asked.ConfigureAwait(false)
                : attempt == 0 && pageNumber == 1 && TakeFirstPage(query, slice) is { } read ? read
                : await _api.PostConversationsDetailsQueryAsync(body, cancellationToken).ConfigureAwait(false);
            if (page.TotalHits is { } hits) state.TotalHits = hits;
            var count = page.Conversations?.Count ?? 0;
            // An empty page is the end only when it carries the API's count (docs/genesys-api.md §2.5: totalHits is always
            // sent) and the slice has delivered it: a proxy's "{}" says nothing about the slice.
            if (count > 0 || state.Settled || (page.TotalHits is not null && state.Received >= state.TotalHits))
            {
                state.Received += count;
                // A short page that completes the count is the end as the API saw it then; what starts later (a
                // window that reaches now) sorts into pages already read, and the count may grow past what arrived.
                state.Settled |= count > 0 && count < _request.PageSize && state.Received >= state.TotalHits;
                return page;
            }
            if (attempt == PrematureEndRetries) throw Incomplete(slice, pageNumber, state);
            var counted = page.TotalHits is null ? "no count" : $"a count of {state.TotalHits} with {state.Received} arrived";
            OperationContext.Observer.Verbose(
                $"{slice}, page {pageNumber}: no conversations and {counted}; asking again in {Durations.Describe(delay)}.");
            await _api.Time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            delay += delay;
        }
    }

    /// <summary>Whether the page after this one will hold conversations, so it can be asked for while this one is written:
    /// this page was full, the API's count says more follow, the next page is within the paging depth (no halves come
    /// next), and no -First limit may be reached by what is given (then no page is asked for beyond it).</summary>
    private bool MoreToCome(SliceStep step, SliceState state) =>
        step.Halves is null && step.Conversations?.Count == _request.PageSize && state.Received < state.TotalHits
        && _request.Wanted is null;

    /// <summary>The first page of a query slice that planning read already (once: asked again, it is asked of the API).</summary>
    private AnalyticsConversationQueryResponse? TakeFirstPage(DetailsQuery query, TimeWindow slice)
    {
        if (_firstPages is null || !ReferenceEquals(query, _request.Query) || !_firstPages.TryGetValue(slice, out var page)) return null;
        _firstPages.Remove(slice);
        return page;
    }

    private GenesysApiException Incomplete(TimeWindow slice, int pageNumber, SliceState state) =>
        new GenesysApiException(GenesysErrorKind.InvalidResponse,
            $"The details query ended the slice {slice} at page {pageNumber} with {state.Received} conversations, but " +
            (state.TotalHits > state.Received ? $"counted {state.TotalHits} for it" : "sent no count (totalHits) to confirm the end") +
            $"; asked {PrematureEndRetries + 1} times, the answer stayed short. The result would be incomplete, " +
            "so the read stops here. Run it again later; Export-GenesysConversationHistory -CheckpointPath continues where it stopped.")
        { ErrorId = "GenesysConvo.IncompleteResult" };

    private static bool IsTooDeep(GenesysApiException e) =>
        e.Kind == GenesysErrorKind.InvalidRequest && e.Message.IndexOf("may not exceed", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>What one slice has delivered against what the API said it holds.</summary>
    private sealed class SliceState
    {
        public long TotalHits { get; set; }
        public long Received { get; set; }
        /// <summary>A short page has delivered the whole count: the slice has ended.</summary>
        public bool Settled { get; set; }
    }

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

    /// <summary>The next page of a slice, asked for while the current one is written (the server prepares it meanwhile);
    /// one not taken when the read stops is cancelled, and its outcome observed.</summary>
    private sealed class NextPage : IDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private Task<AnalyticsConversationQueryResponse>? _page;

        public NextPage(CancellationToken cancellationToken) =>
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        public void Ask(AnalyticsApi api, ConversationQuery body) =>
            _page = api.PostConversationsDetailsQueryAsync(body, _cancellation.Token);

        /// <summary>The page asked for (once), or null.</summary>
        public Task<AnalyticsConversationQueryResponse>? Take()
        {
            var page = _page;
            _page = null;
            return page;
        }

        public void Dispose()
        {
            if (_page is { } unused)
            {
                _cancellation.Cancel();
                unused.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
                    TaskScheduler.Default);
            }
            _cancellation.Dispose();
        }
    }
}
