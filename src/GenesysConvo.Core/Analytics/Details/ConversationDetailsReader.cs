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

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Every conversation that STARTED in a window, exactly once, as a stream of pages. The window is cut into the
/// units of a <see cref="DetailsPlan"/>: long windows read the datalake through the jobs API up to a seam a day before
/// its dataAvailabilityDate, and the details query after it, so the two never return the same conversation; query
/// slices are as long as the API accepts (7 days without a filter, 31 with one) and halved where one would pass the
/// 100,000-result paging depth. Each unit keeps only the conversations that started in it (the API also returns those
/// that started earlier and overlap it), and no conversation is given twice. A slice that ends before the API's own
/// count says it should is asked again, then fails loudly. Pages are read as they are asked for: a reader that stops
/// early has requested nothing more (and a job it started is deleted); <see cref="Position"/> says where it stands.</summary>
public sealed class ConversationDetailsReader
{
    /// <summary>Windows longer than this use the jobs API (Auto) for the part the datalake holds.</summary>
    public static readonly TimeSpan BulkThreshold = TimeSpan.FromDays(31);
    public static readonly TimeSpan UnfilteredMaximum = TimeSpan.FromDays(7);
    public static readonly TimeSpan FilteredMaximum = TimeSpan.FromDays(31);

    private readonly AnalyticsApi _api;
    private readonly DetailsRequest _request;
    private readonly DetailsProgress _progress = new DetailsProgress();
    /// <summary>First pages of query slices read while planning (by cost), given instead of asking for them again.</summary>
    private Dictionary<TimeWindow, AnalyticsConversationQueryResponse>? _firstPages;

    public ConversationDetailsReader(AnalyticsApi api, DetailsRequest request)
    {
        if (request.PageSize < 1 || request.PageSize > AnalyticsApi.MaxDetailsPageSize)
            throw new ArgumentOutOfRangeException(nameof(request.PageSize), request.PageSize,
                $"Use a page size from 1 to {AnalyticsApi.MaxDetailsPageSize} (the details query's maximum).");
        _api = api;
        _request = request;
        Position = request.Resume ?? new DetailsPosition();
    }

    /// <summary>Where the read stands after the page last given (what a checkpoint records).</summary>
    public DetailsPosition Position { get; }

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
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        while (Position.Unit < plan.Units.Count)
        {
            var unit = plan.Units[Position.Unit];
            var label = $"{Describe(unit)} {Position.Unit + 1} of {plan.Units.Count} " +
                        $"({unit.Window.Start:yyyy-MM-dd HH:mm} to {unit.Window.End:yyyy-MM-dd HH:mm} UTC)";
            var pages = unit.Kind == DetailsUnitKind.Job
                ? ReadJobAsync(unit.Window, label, cancellationToken)
                : new QueryUnitReader(_api, _request, _progress, Position, _firstPages).ReadAsync(unit, label, cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false)) yield return page;
            Position.FinishUnit();
            yield return new DetailsPage(Array.Empty<AnalyticsConversation>(), label + ", done", _progress.Fetched, _progress.Estimated)
            {
                EndsUnit = true,
            };
        }
    }

    /// <summary>The units to read: the resumed read's, or a new plan (asking the datalake where its data ends when
    /// the jobs API is to be used: for long windows, -Bulk, or a window it holds where a job costs fewer requests).</summary>
    private async Task<DetailsPlan> PlanAsync(CancellationToken cancellationToken)
    {
        if (Position.Planned) return DetailsPlan.Make(_request, Position.Availability);
        var window = _request.Window;
        DateTimeOffset? available = null;
        if (_request.Source == DetailsSource.Jobs || (_request.Source == DetailsSource.Auto && window.Length > BulkThreshold))
        {
            available = await new DetailsJobReader(_api, _request.Activity).GetDataAvailabilityAsync(cancellationToken)
                .ConfigureAwait(false);
            OperationContext.Observer.Verbose($"The datalake holds data up to {available:u}: jobs API before " +
                                              $"{DetailsPlan.SeamOf(available.Value):u}, details query after.");
        }
        else if (DetailsCost.MayBeHeld(_request, _api.Time.GetUtcNow(), _api.RateLimitAllowance))
        {
            var cost = new DetailsCost(_api, _request);
            available = await cost.ChooseAsync(cancellationToken).ConfigureAwait(false);
            _firstPages = available is null ? cost.FirstPages : null;
        }
        Position.Planned = true;
        Position.Availability = available;
        return DetailsPlan.Make(_request, available);
    }

    private async IAsyncEnumerable<DetailsPage> ReadJobAsync(
        TimeWindow window, string label, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var number = 0;
        var jobs = new DetailsJobReader(_api, _request.Activity);
        await foreach (var conversations in jobs.ReadAsync(_request.Query, window, cancellationToken).ConfigureAwait(false))
        {
            number++;
            _progress.Fetched += conversations.Count;
            // Jobs match every conversation whose lifetime overlaps the interval; keep those that started in it.
            var fresh = conversations
                .Where(c => window.Contains(c.ConversationStart) && (_request.IncludeActive || c.ConversationEnd != null)
                            && Position.GivenInUnit.Add(c.ConversationId, c.ConversationStart))
                .ToList();
            // A late conversation the job gave (open, or ended after the availability date) would come again from the
            // late-conversations query: remember it.
            foreach (var late in fresh.Where(c => QueryUnitReader.IsLate(c, Position.Availability)))
                Position.LateFromJobs.Add(late.ConversationId);
            yield return new DetailsPage(fresh, $"{label}, result page {number}", _progress.Fetched, _progress.Estimated);
        }
    }

    private static string Describe(DetailsUnit unit) => unit.Kind switch
    {
        DetailsUnitKind.Job => "jobs API, part",
        DetailsUnitKind.LateConversations => "conversations late for the datalake, slice",
        _ => "slice",
    };
}

/// <summary>How far a read has come: conversations received and the API's approximate totals.</summary>
internal sealed class DetailsProgress
{
    public long Fetched { get; set; }
    public long Estimated { get; set; }
}
