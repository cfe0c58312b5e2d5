using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Auto's choice, by cost, for a window of at most 31 days that the datalake may hold: the details query pages
/// 100 conversations a request, a job 1,000 a result page for a few more requests up front (submit, status), and the
/// details query "is not intended for bulk export workloads" (docs/genesys-api.md §3.3). When the datalake holds the whole
/// window (it ends before the seam), one first page per query slice counts its conversations; the job is chosen when the
/// query would need more requests than the job and more than a minute of the rate limit. The first pages are kept, so a
/// read that stays with the query asks for none of them again.</summary>
internal sealed class DetailsCost
{
    /// <summary>A minute of the rate limit before the API has stated it (docs/genesys-api.md §7.1: 300 a minute per token,
    /// 180 seen). Within a minute's allowance the query never waits on the limit, while a job takes seconds to minutes to
    /// run: the query stays. Once an answer has stated the allowance (inin-ratelimit-allowed), that is the measure.</summary>
    internal const int JobWorthRequests = 180;
    /// <summary>Status requests counted for a job before its results (the reader polls from 250 ms, doubling).</summary>
    internal const int JobStatusRequests = 3;

    private readonly AnalyticsApi _api;
    private readonly DetailsRequest _request;

    public DetailsCost(AnalyticsApi api, DetailsRequest request)
    {
        _api = api;
        _request = request;
    }

    /// <summary>The first page of each query slice that was read to count it (keyed by slice).</summary>
    public Dictionary<TimeWindow, AnalyticsConversationQueryResponse> FirstPages { get; } = new();

    /// <summary>Whether the datalake may hold the whole window: its seam is never later than now's (its availability
    /// date is never ahead of now), so a window that ends after that is read by the query without asking.</summary>
    public static bool MayBeHeld(DetailsRequest request, DateTimeOffset now, int? rateLimitAllowance) =>
        request.Source == DetailsSource.Auto && request.Window.End <= DetailsPlan.SeamOf(now)
        && (request.Wanted is null || request.Wanted > AMinuteOfRequests(rateLimitAllowance) * request.PageSize);

    /// <summary>What a minute of the rate limit allows: what the API stated, or <see cref="JobWorthRequests"/> before it has.</summary>
    private static long AMinuteOfRequests(int? rateLimitAllowance) => rateLimitAllowance ?? JobWorthRequests;

    /// <summary>The datalake's availability date when a job is the cheaper read of the window, null when the query is.</summary>
    public async Task<DateTimeOffset?> ChooseAsync(CancellationToken cancellationToken)
    {
        var availability = await new DetailsJobReader(_api, _request.Activity).GetDataAvailabilityAsync(cancellationToken)
            .ConfigureAwait(false);
        if (_request.Window.End > DetailsPlan.SeamOf(availability))
        {
            OperationContext.Observer.Verbose(
                $"The datalake holds data up to {availability:u}, not all of {_request.Window}: details query.");
            return null;
        }
        var queryPlan = DetailsPlan.Make(_request, null);
        long hits = 0, queryRequests = 0;
        foreach (var slice in queryPlan.Units.Select(u => u.Window))
        {
            var page = await _api.PostConversationsDetailsQueryAsync(_request.Query.ForPage(slice, _request.PageSize), cancellationToken)
                .ConfigureAwait(false);
            FirstPages[slice] = page;
            var count = page.TotalHits ?? 0;
            hits += count;
            // The pages after the first, to the one without conversations that ends the slice.
            queryRequests += PagesFor(Math.Min(count, _request.Wanted ?? long.MaxValue), _request.PageSize);
        }
        var jobPlan = DetailsPlan.Make(_request, availability);
        var jobRequests = QueryCostOfJobs(jobPlan, hits);
        var useJobs = queryRequests > jobRequests && queryRequests >= AMinuteOfRequests(_api.RateLimitAllowance);
        OperationContext.Observer.Verbose(
            $"{_request.Window} holds about {hits} conversations: {queryRequests} more details queries, or about {jobRequests} " +
            $"requests through the jobs API; {(useJobs ? "jobs API" : "details query")}.");
        return useJobs ? availability : (DateTimeOffset?)null;
    }

    /// <summary>Requests of a plan that reads through jobs: per job its submission and status requests, the result pages of
    /// 1,000, and one query per late-conversations slice.</summary>
    internal static long QueryCostOfJobs(DetailsPlan plan, long hits)
    {
        var jobs = plan.Units.Count(u => u.Kind == DetailsUnitKind.Job);
        var late = plan.Units.Count(u => u.Kind != DetailsUnitKind.Job);
        return jobs * (1 + JobStatusRequests) + Math.Max(jobs, PagesFor(hits, DetailsJobReader.ResultPageSize)) + late;
    }

    /// <summary>Pages for <paramref name="count"/> conversations: for the query those after the first (the empty page that
    /// ends a slice included), for a job all of its result pages.</summary>
    private static long PagesFor(long count, int pageSize) => (count + pageSize - 1) / pageSize;
}
