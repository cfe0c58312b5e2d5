using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Json;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Analytics;

/// <summary>The asynchronous details jobs (bulk export): submit, wait for FULFILLED, read result pages by cursor, and
/// DELETE the job if the caller stops early so it does not keep running on the server.</summary>
internal sealed class DetailsJobRunner
{
    public const string JobsPath = "/api/v2/analytics/conversations/details/jobs";
    private const int ResultPageSize = 1000;
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_longestPoll = TimeSpan.FromSeconds(5);

    private readonly GenesysConnection _connection;

    public DetailsJobRunner(GenesysConnection connection) => _connection = connection;

    public async Task<DateTimeOffset> GetDataAvailabilityAsync(CancellationToken cancellationToken)
    {
        using var json = await _connection.GetJsonAsync(JobsPath + "/availability", cancellationToken).ConfigureAwait(false);
        if (json.RootElement.TryGetProperty("dataAvailabilityDate", out var date) && date.TryGetDateTimeOffset(out var value)) return value.ToUniversalTime();
        throw new GenesysApiException(GenesysErrorKind.InvalidResponse, "The jobs availability endpoint answered without dataAvailabilityDate.");
    }

    /// <summary>Runs one job over <paramref name="interval"/> and hands each result page to <paramref name="onPage"/>;
    /// onPage returns false to stop reading. The job is deleted when reading stops early or fails.</summary>
    public async Task RunAsync(ConversationQuery query, TimeWindow interval, Func<IReadOnlyList<AnalyticsConversation>, Task<bool>> onPage, CancellationToken cancellationToken)
    {
        var observer = OperationContext.Observer;
        var submitted = await _connection.SendAsync(HttpMethod.Post, JobsPath, query.ToJson(interval, null, null, forJob: true), cancellationToken).ConfigureAwait(false);
        var jobId = JsonNode.Parse(submitted.Body)?["jobId"]?.GetValue<string>()
                    ?? throw new GenesysApiException(GenesysErrorKind.InvalidResponse, "The jobs API accepted the query but returned no jobId.");
        observer.Verbose($"Submitted analytics details job {jobId} for {interval}.");
        var finished = false;
        try
        {
            await WaitUntilFulfilledAsync(jobId, interval, cancellationToken).ConfigureAwait(false);
            string? cursor = null;
            do
            {
                var path = $"{JobsPath}/{jobId}/results?pageSize={ResultPageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
                var response = await _connection.SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                var page = JsonSerializer.Deserialize<JobResultsPage>(response.Body, JsonDefaults.Options) ?? new JobResultsPage();
                cursor = string.IsNullOrEmpty(page.Cursor) ? null : page.Cursor;
                if (!await onPage(page.Conversations ?? new List<AnalyticsConversation>()).ConfigureAwait(false)) return;
            } while (cursor != null);
            finished = true;
        }
        finally
        {
            if (!finished) await DeleteQuietlyAsync(jobId).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilFulfilledAsync(string jobId, TimeWindow interval, CancellationToken cancellationToken)
    {
        var delay = s_firstPoll;
        while (true)
        {
            using var status = await _connection.GetJsonAsync($"{JobsPath}/{jobId}", cancellationToken).ConfigureAwait(false);
            var state = status.RootElement.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            OperationContext.Observer.Verbose($"Analytics job {jobId}: {state}.");
            (OperationContext.Observer as IProgressObserver)?.Progress("Search-GenesysConversationHistory", $"Analytics job for {interval}: {state}", -1, "Waiting for the jobs API");
            switch (state)
            {
                case "FULFILLED":
                    return;
                case "FAILED":
                    var reason = status.RootElement.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "no reason given";
                    throw new GenesysApiException(GenesysErrorKind.ServiceUnavailable,
                        $"The analytics details job {jobId} for {interval} failed: {reason}. Retry, or use a shorter window or -Source Query.")
                    { ErrorId = "GenesysConvo.JobFailed" };
                case "CANCELLED":
                case "EXPIRED":
                    throw new GenesysApiException(GenesysErrorKind.ServiceUnavailable,
                        $"The analytics details job {jobId} for {interval} was {state!.ToLowerInvariant()} before its results were read. Run the search again.")
                    { ErrorId = "GenesysConvo.JobFailed" };
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(s_longestPoll.TotalMilliseconds, delay.TotalMilliseconds * 2));
        }
    }

    /// <summary>Cancels the job on the server (best effort, a few seconds at most): the caller has already stopped.</summary>
    private async Task DeleteQuietlyAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _connection.SendAsync(HttpMethod.Delete, $"{JobsPath}/{jobId}", null, timeout.Token).ConfigureAwait(false);
            OperationContext.Observer.Verbose($"Deleted analytics details job {jobId}.");
        }
        catch (Exception e) when (e is GenesysApiException || e is OperationCanceledException)
        {
            OperationContext.Observer.Verbose($"Could not delete analytics details job {jobId}: {e.Message}");
        }
    }

    private sealed class JobResultsPage
    {
        public List<AnalyticsConversation>? Conversations { get; set; }
        public string? Cursor { get; set; }
        public DateTimeOffset? DataAvailabilityDate { get; set; }
    }
}
