using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>The asynchronous details jobs (bulk export): submit, wait for FULFILLED, read result pages by cursor, and
/// DELETE the job if the reader stops early so it does not keep running on the server.</summary>
internal sealed class DetailsJobReader
{
    /// <summary>Result page size (docs/genesys-api.md §3: the maximum is unconfirmed; third-party exporters use 1,000).</summary>
    internal const int ResultPageSize = 1000;
    /// <summary>How many times an empty result page is asked for again: then an empty last page is the end, and an empty
    /// page with a cursor to more fails the read.</summary>
    private const int EmptyPageRetries = 2;
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_longestPoll = TimeSpan.FromSeconds(5);

    private readonly AnalyticsApi _api;
    private readonly string _activity;

    public DetailsJobReader(AnalyticsApi api, string activity)
    {
        _api = api;
        _activity = activity;
    }

    public async Task<DateTimeOffset> GetDataAvailabilityAsync(CancellationToken cancellationToken)
    {
        var availability = await _api.GetConversationsDetailsJobsAvailabilityAsync(cancellationToken).ConfigureAwait(false);
        return availability.DataAvailabilityDate?.ToUniversalTime()
               ?? throw new GenesysApiException(
                   GenesysErrorKind.InvalidResponse, "The jobs availability endpoint answered without dataAvailabilityDate.");
    }

    /// <summary>Runs one job over <paramref name="interval"/> and yields its result pages. Stopping early (or failing)
    /// deletes the job.</summary>
    public async IAsyncEnumerable<IReadOnlyList<AnalyticsConversation>> ReadAsync(DetailsQuery query, TimeWindow interval,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var submitted = await _api.PostConversationsDetailsJobsAsync(query.ForJob(interval), cancellationToken).ConfigureAwait(false);
        var jobId = submitted.JobId
            ?? throw new GenesysApiException(GenesysErrorKind.InvalidResponse, "The jobs API accepted the query but returned no jobId.");
        OperationContext.Observer.Verbose($"Submitted analytics details job {jobId} for {interval}.");
        var finished = false;
        try
        {
            await WaitUntilFulfilledAsync(jobId, interval, cancellationToken).ConfigureAwait(false);
            string? cursor = null;
            var askedAgain = 0;
            long received = 0;
            for (var pageNumber = 1; ;)
            {
                var page = await _api.GetConversationsDetailsJobResultsAsync(jobId, cursor, ResultPageSize, cancellationToken)
                    .ConfigureAwait(false);
                var next = string.IsNullOrEmpty(page.Cursor) ? null : page.Cursor;
                if ((page.Conversations?.Count ?? 0) == 0 && askedAgain < EmptyPageRetries)
                {
                    // An empty page is asked for again: a proxy's "{}" must not pass for the end of the results, and a page
                    // that leads on to more cannot be empty (its conversations were lost on the way).
                    askedAgain++;
                    OperationContext.Observer.Verbose(
                        $"Analytics job {jobId}: result page {pageNumber} has no conversations; asking again.");
                    // An empty last page is common (a window without conversations) and asked again at once; a page with
                    // a cursor to more is a fault, so the server gets time to recover.
                    if (next is not null)
                    {
                        await _api.Time.DelayAsync(TimeSpan.FromTicks(_api.RetryDelay.Ticks * askedAgain), cancellationToken)
                            .ConfigureAwait(false);
                    }
                    continue;
                }
                if ((page.Conversations?.Count ?? 0) == 0 && next is not null) throw Incomplete(jobId, interval, pageNumber);
                if ((page.Conversations?.Count ?? 0) == 0 && pageNumber > 1)
                    await ConfirmEndAsync(query, jobId, interval, received, cancellationToken).ConfigureAwait(false);
                askedAgain = 0;
                received += page.Conversations?.Count ?? 0;
                yield return page.Conversations ?? new List<AnalyticsConversation>();
                if (next is null) break;
                cursor = next;
                pageNumber++;
            }
            finished = true;
        }
        finally
        {
            if (!finished) await DeleteQuietlyAsync(jobId).ConfigureAwait(false);
        }
    }

    /// <summary>A cursor that led to an empty last page is the end only if the details query counts no more conversations
    /// in the job's interval than arrived: the jobs API gives no total, and a page stripped of its conversations on the
    /// way must not end the results early.</summary>
    private async Task ConfirmEndAsync(DetailsQuery query, string jobId, TimeWindow interval, long received,
        CancellationToken cancellationToken)
    {
        var probe = await _api.PostConversationsDetailsQueryAsync(query.ForPage(interval, 1), cancellationToken).ConfigureAwait(false);
        var total = probe.TotalHits ?? 0;
        OperationContext.Observer.Verbose(
            $"Analytics job {jobId}: the results ended on an empty page after {received} conversations; the details query counts {total}.");
        if (total <= received) return;
        throw new GenesysApiException(GenesysErrorKind.InvalidResponse,
            $"The analytics details job {jobId} for {interval} ended on an empty result page after {received} conversations, " +
            $"but the details query counts {total} in that interval. The result would be incomplete, so the read stops here. " +
            "Run it again; Export-GenesysConversationHistory -CheckpointPath continues where it stopped.")
        { ErrorId = "GenesysConvo.IncompleteResult" };
    }

    private static GenesysApiException Incomplete(string jobId, TimeWindow interval, int pageNumber) =>
        new GenesysApiException(GenesysErrorKind.InvalidResponse,
            $"Result page {pageNumber} of the analytics details job {jobId} for {interval} had no conversations but a cursor to " +
            $"more; asked {EmptyPageRetries + 1} times, it stayed empty. The result would be incomplete, so the read stops here. " +
            "Run it again; Export-GenesysConversationHistory -CheckpointPath continues where it stopped.")
        { ErrorId = "GenesysConvo.IncompleteResult" };

    private async Task WaitUntilFulfilledAsync(string jobId, TimeWindow interval, CancellationToken cancellationToken)
    {
        var delay = s_firstPoll;
        while (true)
        {
            var status = await _api.GetConversationsDetailsJobAsync(jobId, cancellationToken).ConfigureAwait(false);
            OperationContext.Observer.Verbose($"Analytics job {jobId}: {status.State}.");
            (OperationContext.Observer as IProgressObserver)?.Progress(
                _activity, $"Analytics job for {interval}: {status.State}", -1, "Waiting for the jobs API");
            switch (status.State)
            {
                case "FULFILLED":
                    return;
                case "FAILED":
                    throw new GenesysApiException(GenesysErrorKind.ServiceUnavailable,
                        $"The analytics details job {jobId} for {interval} failed: {status.ErrorMessage ?? "no reason given"}. " +
                        "Retry, or use a shorter window (without -Bulk).")
                    { ErrorId = "GenesysConvo.JobFailed" };
                case "CANCELLED":
                case "EXPIRED":
                    throw new GenesysApiException(GenesysErrorKind.ServiceUnavailable,
                        $"The analytics details job {jobId} for {interval} was {status.State.ToLowerInvariant()} " +
                        "before its results were read. Run the search again.")
                    { ErrorId = "GenesysConvo.JobFailed" };
            }
            await _api.Time.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(s_longestPoll.TotalMilliseconds, delay.TotalMilliseconds * 2));
        }
    }

    /// <summary>Cancels the job on the server (best effort, a few seconds at most): the reader has already stopped.</summary>
    private async Task DeleteQuietlyAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _api.DeleteConversationsDetailsJobAsync(jobId, timeout.Token).ConfigureAwait(false);
            OperationContext.Observer.Verbose($"Deleted analytics details job {jobId}.");
        }
        catch (Exception e) when (e is GenesysApiException || e is OperationCanceledException)
        {
            OperationContext.Observer.Verbose($"Could not delete analytics details job {jobId}: {e.Message}");
        }
    }
}
