using System.Text.Json;

namespace GenesysConvo.Emulator.Model.Analytics;

// Request body of POST /api/v2/analytics/conversations/aggregates/query (ConversationAggregationQuery, SDK typings),
// its name catalogs (dotnet SDK enums ConversationAggregationQuery.GroupByEnum / MetricsEnum,
// ConversationAggregateQueryPredicate.DimensionEnum) and validation into a ParsedAggregateQuery.

public sealed class AggregationView
{
    public string? Target { get; set; }
    public string? Name { get; set; }
    public string? Function { get; set; }
    public NumericRange? Range { get; set; }
}

public sealed class AggregateQueryBody
{
    public string? Interval { get; set; }
    public string? Granularity { get; set; }
    public string? TimeZone { get; set; }
    public List<string>? GroupBy { get; set; }
    /// <summary>ConversationAggregateQueryFilter; QueryPredicate carries metric/property only to reject them clearly.</summary>
    public QueryFilter? Filter { get; set; }
    public List<string>? Metrics { get; set; }
    public bool? FlattenMultivaluedDimensions { get; set; }
    public List<AggregationView>? Views { get; set; }
    public string? AlternateTimeDimension { get; set; }
    public string? QueryType { get; set; }
    public JsonElement? SortMetric { get; set; }
    public int? Limit { get; set; }
}

public sealed class ParsedAggregateQuery
{
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required AggregateBuckets Buckets { get; init; }
    public required IReadOnlyList<string> GroupBy { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
    public required QueryFilter? Filter { get; init; }
    public required bool Flatten { get; init; }
    public required IReadOnlyList<AggregationView> Views { get; init; }
}

public static class AggregateQueryParser
{
    /// <summary>Emulator limits (the real ones are unconfirmed): interval length and number of buckets.</summary>
    public const int MaxIntervalDays = 93;
    public const int MaxBuckets = 3000;
    public const int MaxViews = 10;
    public const string BodyRequired = "A request body is required (ConversationAggregationQuery with at least interval and metrics).";

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);

    public static readonly HashSet<string> GroupByDimensions = Set(
        "activeRouting", "activeSkillId", "addressFrom", "addressTo", "agentAssistantId", "agentBullseyeRing", "agentOwned",
        "agentRank", "agentScore", "ani", "assignerId", "authenticated", "conversationId", "conversationInitiator",
        "convertedFrom", "convertedTo", "customerParticipation", "deliveryStatus", "destinationAddress", "direction",
        "disconnectType", "divisionId", "dnis", "edgeId", "eligibleAgentCount", "errorCode", "extendedDeliveryStatus",
        "externalContactId", "externalMediaCount", "externalOrganizationId", "externalTag", "firstQueue", "flaggedReason",
        "flowInType", "flowOutType", "groupId", "interactionType", "journeyActionId", "journeyActionMapId",
        "journeyActionMapVersion", "journeyCustomerId", "journeyCustomerIdType", "journeyCustomerSessionId",
        "journeyCustomerSessionIdType", "knowledgeBaseId", "mediaCount", "mediaType", "messageType", "originatingDirection",
        "originatingSocialMediaPublic", "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantName",
        "peerId", "proposedAgentId", "provider", "purpose", "queueId", "remote", "removedSkillId", "requestedLanguageId",
        "requestedRouting", "requestedRoutingSkillId", "roomId", "routingPriority", "routingRing", "routingRule",
        "routingRuleType", "scoredAgentId", "selectedAgentId", "selectedAgentRank", "selfServed", "sessionDnis", "sessionId",
        "stationId", "teamId", "usedRouting", "userId", "videoPresent", "waitingInteractionCount", "wrapUpCode");

    /// <summary>Filter dimensions: the groupBy list without activeRouting/videoPresent, plus these two.</summary>
    public static readonly HashSet<string> FilterDimensions = BuildFilterDimensions();

    public static readonly HashSet<string> MetricNames = Set(
        "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred",
        "nError", "nOffered", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected", "nOverSla",
        "nStateTransitionError", "nTransferred", "oExternalMediaCount", "oMediaCount", "oMessageCount",
        "oMessageSegmentCount", "oMessageTurn", "oServiceLevel", "oServiceTarget", "tAbandon", "tAcd", "tActiveCallback",
        "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAlert", "tAnswered", "tBarging", "tCoaching",
        "tCoachingComplete", "tConnected", "tContacting", "tDialing", "tFirstConnect", "tFirstDial", "tFlowOut", "tHandle",
        "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete", "tNotResponding", "tPark", "tParkComplete",
        "tShortAbandon", "tTalk", "tTalkComplete", "tUserResponseTime", "tVoicemail", "tWait");

    private static HashSet<string> BuildFilterDimensions()
    {
        var s = new HashSet<string>(GroupByDimensions, StringComparer.OrdinalIgnoreCase) { "canonicalExternalContactId", "reoffered" };
        s.Remove("activeRouting");
        s.Remove("videoPresent");
        return s;
    }

    /// <param name="requireMetrics">false for the control API (metric-events), which takes only interval + filter.</param>
    public static ParsedAggregateQuery Parse(AggregateQueryBody body, bool requireMetrics = true)
    {
        var (start, end) = DetailsQueryParser.ParseInterval(body.Interval);
        var days = (end - start).TotalDays;
        if (requireMetrics && days > MaxIntervalDays)
            throw Bad($"Interval too long: the aggregates query allows at most {MaxIntervalDays} days (requested {days:0.###} days).");

        if (body.AlternateTimeDimension is { } alt && !alt.Equals("eventTime", StringComparison.OrdinalIgnoreCase))
            throw Bad($"Invalid alternateTimeDimension '{alt}': expected eventTime.");
        if (body.QueryType is { } qt && !qt.Equals("groupBy", StringComparison.OrdinalIgnoreCase))
            throw Bad($"queryType '{qt}' is not supported by the emulator (only groupBy).");

        var metrics = requireMetrics ? MetricsOf(body) : [];
        var groupBy = new List<string>();
        foreach (var g in body.GroupBy ?? [])
        {
            if (g is null || !GroupByDimensions.TryGetValue(g, out var known)) throw Bad($"Invalid groupBy '{g}': unknown dimension.");
            if (!groupBy.Contains(known)) groupBy.Add(known);
        }

        var views = ViewsOf(body);
        if (body.Filter is { } filter) Predicates.ValidateShape(filter, "filter", ValidatePredicate);
        return new ParsedAggregateQuery
        {
            Start = start,
            End = end,
            Buckets = requireMetrics
                ? AggregateBuckets.Create(start, end, body.Granularity, body.TimeZone, MaxBuckets)
                : AggregateBuckets.Create(start, end, null, null, 1),
            GroupBy = groupBy,
            Metrics = metrics,
            Filter = body.Filter,
            Flatten = body.FlattenMultivaluedDimensions == true,
            Views = views,
        };
    }

    /// <summary>The requested metrics as the catalog spells them, duplicates dropped.</summary>
    private static List<string> MetricsOf(AggregateQueryBody body)
    {
        if (body.Metrics is not { Count: > 0 })
            throw Bad("metrics is required: a non-empty list of metric names, e.g. [\"nOffered\",\"tHandle\"].");
        var metrics = new List<string>();
        foreach (var m in body.Metrics)
        {
            if (m is null || !MetricNames.TryGetValue(m, out var known)) throw Bad($"Invalid metric '{m}': unknown metric name.");
            if (!metrics.Contains(known)) metrics.Add(known);
        }

        return metrics;
    }

    /// <summary>The views, checked (rangeBound on a known metric), their targets spelled as the catalog does.</summary>
    private static List<AggregationView> ViewsOf(AggregateQueryBody body)
    {
        var views = body.Views ?? [];
        if (views.Count > MaxViews) throw Bad($"Too many views: at most {MaxViews} per query.");
        for (var i = 0; i < views.Count; i++)
        {
            var v = views[i] ?? throw Bad($"views[{i}] must be an object.");
            if (string.IsNullOrEmpty(v.Name)) throw Bad($"views[{i}].name is required.");
            if (v.Target is null || !MetricNames.TryGetValue(v.Target, out var target))
                throw Bad($"views[{i}]: unknown target metric '{v.Target}'.");
            v.Target = target;
            if (!"rangeBound".Equals(v.Function, StringComparison.OrdinalIgnoreCase))
                throw Bad($"views[{i}].function '{v.Function}' is invalid: expected rangeBound.");
            if (v.Range is null || (v.Range.Gte is null && v.Range.Lt is null)) throw Bad($"views[{i}].range needs gte and/or lt.");
        }

        return views;
    }

    /// <summary>Aggregate filters take dimension predicates only (ConversationAggregateQueryPredicate has no metric/property).</summary>
    private static void ValidatePredicate(QueryPredicate? p, string where)
    {
        if (p is null) throw Bad($"{where} must be an object.");
        if (p.Metric is not null || p.Property is not null || IsType(p, "metric") || IsType(p, "property"))
        {
            throw Bad($"{where}: only dimension predicates are supported in aggregate filters " +
                      "(ConversationAggregateQueryPredicate has no metric/property).");
        }

        if (p.Type is not null && !IsType(p, "dimension")) throw Bad($"{where}.type '{p.Type}' is invalid: expected dimension.");
        if (p.Dimension is null) throw Bad($"{where}.dimension is required.");
        if (!FilterDimensions.TryGetValue(p.Dimension, out var known)) throw Bad($"{where}: unknown dimension '{p.Dimension}'.");
        p.Dimension = known;
        Predicates.CheckOperator(p, where);
    }

    private static bool IsType(QueryPredicate p, string type) => type.Equals(p.Type, StringComparison.OrdinalIgnoreCase);

    internal static QueryValidationException Bad(string message) => new("bad.request", message);
}
