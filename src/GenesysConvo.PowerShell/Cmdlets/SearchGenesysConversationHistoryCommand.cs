using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Search-GenesysConversationHistory: every conversation that started in a time window, from the analytics
/// details query (and the jobs API for long windows), streamed page by page.</summary>
[Cmdlet(VerbsCommon.Search, "GenesysConversationHistory", SupportsPaging = true, DefaultParameterSetName = TimeRangeSet)]
[OutputType(typeof(ConversationRecord), typeof(ConversationParticipantRow), typeof(ConversationSessionRow), typeof(ConversationSegmentRow))]
public sealed class SearchGenesysConversationHistoryCommand : GenesysAnalyticsCmdlet
{
    [Parameter]
    [Alias("WrapUpCodeId")]
    [ValidateNotNullOrEmpty]
    public string[] WrapUpCode { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] DivisionId { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Ani { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Dnis { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] ConversationId { get; set; } = Array.Empty<string>();

    [Parameter]
    public TimeSpan? MinimumDuration { get; set; }

    /// <summary>Also return conversations still in progress (by default only completed ones).</summary>
    [Parameter]
    public SwitchParameter IncludeActive { get; set; }

    /// <summary>One row per participant, session or segment instead of one per conversation.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Expand { get; set; }

    /// <summary>Use the asynchronous jobs API (bulk export) for the part of the window the datalake holds.</summary>
    [Parameter]
    public SwitchParameter Bulk { get; set; }

    [Parameter]
    [ValidateRange(1, 100)]
    public int PageSize { get; set; } = 100;

    protected override void ProcessRecord()
    {
        var session = ApiSession;
        var criteria = new HistoryCriteria
        {
            Queues = QueueId, Users = UserId, WrapUpCodes = WrapUpCode, MediaTypes = MediaType, Directions = Direction,
            DivisionIds = DivisionId, Anis = Ani, Dnises = Dnis, ConversationIds = ConversationId,
            MinimumDuration = MinimumDuration, IncludeActive = IncludeActive,
            FilterJson = FilterJson,
            QueryJson = QueryJson,
        };
        var request = new HistoryRequest
        {
            IncludeActive = IncludeActive, PageSize = PageSize, Source = Bulk ? DetailsSource.Jobs : DetailsSource.Auto,
            Skip = (long)PagingParameters.Skip,
            Limit = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
        };
        RequestPlan plan = null!;
        try
        {
            // Everything checkable is checked before the first request.
            var now = session.Connection.Options.Time.GetUtcNow();
            request.Expand = HistorySearch.ParseExpansion(Expand);
            request.Window = ResolveWindow(criteria.Validate().Interval, now);
            plan = HistorySearch.Plan(criteria, request, PagingParameters.IncludeTotalCount, now);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(
                new ErrorRecord(e, "GenesysConvo.InvalidSearch", ErrorCategory.InvalidArgument, (object?)Query ?? Filter));
        }
        if (!ConfirmRequests(plan, request.Window.ToInterval())) return;

        OutputBuffer = PageSize;
        WriteVerbose($"Searching conversations that started in {request.Window} "
            + $"({request.Window.Start.ToLocalTime():g} to {request.Window.End.ToLocalTime():g} local).");
        try
        {
            var written = Run((output, token) => SearchAsync(session, criteria, request, output, token));
            WriteVerbose($"Wrote {written} conversations.");
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
        {
            ThrowFailure(e, request.Window.ToInterval());
        }
    }

    private async Task<long> SearchAsync(
        GenesysCloudSession session, HistoryCriteria criteria, HistoryRequest request, IOutput output, CancellationToken token)
    {
        request.Query = await criteria.BuildAsync(session.Names, token).ConfigureAwait(false);
        if (PagingParameters.IncludeTotalCount)
        {
            var total = await HistorySearch.EstimateTotalAsync(session.Api, request, token).ConfigureAwait(false);
            // The API's totalHits is approximate (and counts conversations that overlap the window from earlier that day).
            output.Write(PagingParameters.NewTotalCount((ulong)total, 0.5));
        }
        return await HistorySearch.SearchAsync(session.Api, session.Names, request, output.Write, token).ConfigureAwait(false);
    }
}
