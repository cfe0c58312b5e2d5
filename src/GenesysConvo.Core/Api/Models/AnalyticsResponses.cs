using System;
using System.Collections.Generic;
using System.Text.Json;
using GenesysConvo.Analytics;

namespace GenesysConvo.Core.Api.Models;

/// <summary>GET /api/v2/analytics/conversations/details?id= (AnalyticsConversationWithoutAttributesMultiGetResponse).</summary>
public sealed class AnalyticsConversationMultiGetResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
}

// Response bodies of the analytics conversation endpoints, as in the official SDKs. Every field is optional:
// "conversations" is absent past the last page, and servers add fields the module ignores.

/// <summary>The details query's answer; totalHits is approximate.</summary>
public sealed class AnalyticsConversationQueryResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public List<JsonElement>? Aggregations { get; set; }
    public long? TotalHits { get; set; }
}

public sealed class AsyncQueryResponse
{
    public string? JobId { get; set; }
}

/// <summary>A details job's state: QUEUED, PENDING, FULFILLED, FAILED, CANCELLED, EXPIRED (and whatever comes later).</summary>
public sealed class AsyncQueryStatus
{
    public string? State { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset? ExpirationDate { get; set; }
    public DateTimeOffset? SubmissionDate { get; set; }
    public DateTimeOffset? CompletionDate { get; set; }
}

/// <summary>One page of a details job's results; cursor is absent on the last page.</summary>
public sealed class AnalyticsConversationAsyncQueryResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public string? Cursor { get; set; }
    public DateTimeOffset? DataAvailabilityDate { get; set; }
}

public sealed class DataAvailabilityResponse
{
    public DateTimeOffset? DataAvailabilityDate { get; set; }
}

public sealed class ConversationAggregateQueryResponse
{
    public List<ConversationAggregateDataContainer>? Results { get; set; }
}

/// <summary>One group's buckets. The group values are strings in the schema; they are kept as JSON so a number
/// from another server still reads.</summary>
public sealed class ConversationAggregateDataContainer
{
    public Dictionary<string, JsonElement>? Group { get; set; }
    public List<StatisticalResponse>? Data { get; set; }
}

public sealed class StatisticalResponse
{
    public string? Interval { get; set; }
    public List<AggregateMetricData>? Metrics { get; set; }
}

public sealed class AggregateMetricData
{
    public string? Metric { get; set; }
    public string? Qualifier { get; set; }
    public MetricStatistics? Stats { get; set; }
}
