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
public sealed class SearchGenesysConversationHistoryCommand : GenesysHistoryCmdlet
{
    protected override void ProcessRecord()
    {
        var session = ApiSession;
        var criteria = Criteria();
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
            request.Expand = Expansion();
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
        return await HistorySearch.SearchAsync(session.Api, session.Names, request, output.WriteAll, token).ConfigureAwait(false);
    }
}
