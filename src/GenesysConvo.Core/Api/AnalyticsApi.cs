using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>The analytics conversation endpoints: the details query, the details jobs (bulk) and the aggregates query.
/// Named after the official SDKs' operations. Limits the callers rely on are documented in docs/genesys-api.md §2–§4.</summary>
public sealed class AnalyticsApi
{
    public const string DetailsQueryPath = "/api/v2/analytics/conversations/details/query";
    public const string DetailsJobsPath = "/api/v2/analytics/conversations/details/jobs";
    public const string AggregatesQueryPath = "/api/v2/analytics/conversations/aggregates/query";
    /// <summary>Records by id, no interval (docs/genesys-api.md §5.4).</summary>
    public const string ConversationsDetailsPath = "/api/v2/analytics/conversations/details";
    /// <summary>Ids per GET …/details?id=: the real limit is unconfirmed; 100 is what production tools send.</summary>
    public const int MaxIdsPerDetailsGet = 100;
    /// <summary>paging.pageSize of the details query: at most 100.</summary>
    public const int MaxDetailsPageSize = 100;
    /// <summary>pageNumber × pageSize may not pass this (400 "Pagination may not exceed 100000 results.").</summary>
    public const int MaxDetailsDepth = 100_000;

    private readonly GenesysConnection _connection;

    public AnalyticsApi(GenesysConnection connection) => _connection = connection;

    /// <summary>The session's clock, for the waits of callers that poll or ask again.</summary>
    public TimeProvider Time => _connection.Options.Time;
    /// <summary>The first pause before a request whose answer was wrong though successful is asked again (the retry
    /// pipeline's base delay: -RetryDelay).</summary>
    public TimeSpan RetryDelay => _connection.Options.Retry.BaseDelay;
    /// <summary>Requests a window of the rate limit allows, as the API last stated it (null until it has).</summary>
    public int? RateLimitAllowance => _connection.RateLimitAllowance;

    public Task<AnalyticsConversationQueryResponse> PostConversationsDetailsQueryAsync(
        ConversationQuery body, CancellationToken cancellationToken) =>
        ApiCall.QueryAsync(_connection, DetailsQueryPath, body, ApiJson.Default.ConversationQuery,
            ApiJson.Default.AnalyticsConversationQueryResponse, cancellationToken);

    public Task<AsyncQueryResponse> PostConversationsDetailsJobsAsync(AsyncConversationQuery body, CancellationToken cancellationToken) =>
        ApiCall.CreateAsync(_connection, DetailsJobsPath, body, ApiJson.Default.AsyncConversationQuery,
            ApiJson.Default.AsyncQueryResponse, cancellationToken);

    public Task<AsyncQueryStatus> GetConversationsDetailsJobAsync(string jobId, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, JobPath(jobId), ApiJson.Default.AsyncQueryStatus, cancellationToken);

    public Task<AnalyticsConversationAsyncQueryResponse> GetConversationsDetailsJobResultsAsync(string jobId, string? cursor, int pageSize,
        CancellationToken cancellationToken)
    {
        var query = new List<(string, string)> { ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture)) };
        if (cursor != null) query.Add(("cursor", cursor));
        return ApiCall.GetAsync(_connection, RequestUris.WithQuery(JobPath(jobId) + "/results", query),
            ApiJson.Default.AnalyticsConversationAsyncQueryResponse, cancellationToken);
    }

    public Task DeleteConversationsDetailsJobAsync(string jobId, CancellationToken cancellationToken) =>
        ApiCall.DeleteAsync(_connection, JobPath(jobId), cancellationToken);

    public Task<DataAvailabilityResponse> GetConversationsDetailsJobsAvailabilityAsync(CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, DetailsJobsPath + "/availability", ApiJson.Default.DataAvailabilityResponse, cancellationToken);

    public Task<ConversationAggregateQueryResponse> PostConversationsAggregatesQueryAsync(ConversationAggregationQuery body,
        CancellationToken cancellationToken) =>
        ApiCall.QueryAsync(_connection, AggregatesQueryPath, body, ApiJson.Default.ConversationAggregationQuery,
            ApiJson.Default.ConversationAggregateQueryResponse, cancellationToken);

    /// <summary>GET /api/v2/analytics/conversations/details?id=a&amp;id=b: the records analytics has of these ids.</summary>
    public Task<AnalyticsConversationMultiGetResponse> GetConversationsDetailsAsync(IReadOnlyCollection<string> ids,
        CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, RequestUris.WithQuery(ConversationsDetailsPath, ids.Select(id => ("id", id))),
            ApiJson.Default.AnalyticsConversationMultiGetResponse, cancellationToken);

    /// <summary>GET /api/v2/analytics/conversations/{id}/details: one record; 404 when analytics does not have it.</summary>
    public Task<AnalyticsConversation> GetConversationDetailsAsync(string conversationId, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, "/api/v2/analytics/conversations/" + Uri.EscapeDataString(conversationId) + "/details",
            ApiJson.Default.AnalyticsConversation, cancellationToken);

    private static string JobPath(string jobId) => DetailsJobsPath + "/" + Uri.EscapeDataString(jobId);
}
