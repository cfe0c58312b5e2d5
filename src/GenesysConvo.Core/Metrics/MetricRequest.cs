using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Json;

namespace GenesysConvo.Core.Metrics;

public sealed class MetricRequest
{
    public TimeWindow Window { get; set; }
    public Granularity? Granularity { get; set; }
    public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;
    public string TimeZoneId { get; set; } = "UTC";
    public IList<string> GroupBy { get; set; } = new List<string>();
    public IList<string> Metrics { get; set; } = MetricCatalog.DefaultMetrics.ToList();
    public IList<string> Queues { get; set; } = new List<string>();
    public IList<string> Users { get; set; } = new List<string>();
    public IList<string> MediaTypes { get; set; } = new List<string>();
    public IList<string> Directions { get; set; } = new List<string>();
    /// <summary>An aggregate filter in the API's structure {type, clauses, predicates} (-Filter).</summary>
    public string? FilterJson { get; set; }
    /// <summary>A whole ConversationAggregationQuery body (-Query); the parameters above override its parts.</summary>
    public string? QueryJson { get; set; }
    /// <summary>One row per metric instead of one per group and interval.</summary>
    public bool Long { get; set; }

    internal ConversationCriteria Criteria =>
        new ConversationCriteria { Queues = Queues, Users = Users, MediaTypes = MediaTypes, Directions = Directions };
}

/// <summary>The aggregates query body of a request: the caller's -Query and -Filter, checked, with the parameters'
/// metrics, grouping, granularity, time zone and filters laid over them.</summary>
internal static class MetricQueryBody
{
    private static readonly string[] s_fields =
    {
        "interval", "granularity", "timeZone", "groupBy", "filter", "metrics", "flattenMultivaluedDimensions", "views",
        "alternateTimeDimension", "queryType", "sortMetric", "limit",
    };

    /// <summary>The interval a -Query body carries, if any.</summary>
    public static TimeWindow? IntervalOf(string? queryJson) =>
        queryJson is null ? null : Parse(queryJson, "-Query") is JsonObject body && body["interval"] is JsonValue value
                                   && value.GetValueKind() == JsonValueKind.String
            ? TimeWindow.Parse(value.GetValue<string>())
            : (TimeWindow?)null;

    /// <summary>Everything checkable without the API, in the order a user fixes it; normalizes the metric and dimension names.</summary>
    public static ConversationAggregationQuery Validate(MetricRequest request)
    {
        var body = request.QueryJson is null ? new ConversationAggregationQuery() : ReadQuery(request.QueryJson);
        request.Metrics = request.Metrics.Select(MetricCatalog.Metric).Distinct().ToList();
        request.GroupBy = request.GroupBy.Select(MetricCatalog.Dimension).Distinct().ToList();
        // A -Query body's own groupBy is sent when -GroupBy is not given: it is held to the same catalog.
        if (body.GroupBy is { Count: > 0 } grouping) body.GroupBy = grouping.Select(MetricCatalog.Dimension).Distinct().ToList();
        if (request.Metrics.Count == 0) throw new ArgumentException("Give at least one -Metric.");
        request.Criteria.CheckValues();
        if (request.FilterJson != null) body.Filter = ReadFilter(request.FilterJson);
        if (request.Granularity != null) request.Granularity.Boundaries(request.Window, request.Zone);
        return body;
    }

    private static ConversationAggregationQuery ReadQuery(string json)
    {
        if (!(Parse(json, "-Query") is JsonObject body))
            throw new ArgumentException("-Query must be a JSON object (a ConversationAggregationQuery body).");
        foreach (var field in body.Select(p => p.Key))
            if (!s_fields.Contains(field))
                throw new ArgumentException($"-Query has '{field}', which is not a field of the API's ConversationAggregationQuery. " +
                                            $"Use only: {string.Join(", ", s_fields)}.");
        try
        {
            return body.Deserialize(ApiJson.Default.ConversationAggregationQuery) ?? new ConversationAggregationQuery();
        }
        catch (JsonException e)
        {
            throw new ArgumentException("-Query does not have the shape of the API's ConversationAggregationQuery: " + e.Message);
        }
    }

    private static QueryFilter ReadFilter(string json)
    {
        var filter = Parse(json, "-Filter");
        var type = filter is JsonObject o && o["type"] is JsonValue tv && tv.GetValueKind() == JsonValueKind.String
            ? tv.GetValue<string>()
            : null;
        if (!(filter is JsonObject f) || !(type is "and" or "or") || (f["predicates"] is null && f["clauses"] is null))
            throw new ArgumentException("-Filter must be an aggregate filter {type: and|or, predicates: [...], clauses: [...]}, " +
                                        "e.g. @{ type = 'and'; predicates = @(@{ dimension = 'queueId'; value = '<id>' }) }.");
        try
        {
            return f.Deserialize(ApiJson.Default.QueryFilter)!;
        }
        catch (JsonException e)
        {
            throw new ArgumentException("-Filter does not have the shape of the API's ConversationAggregateQueryFilter: " + e.Message);
        }
    }

    /// <summary>The parameters' clauses ANDed with whatever filter the caller gave. A filter has at most two levels
    /// (filter → clauses → predicates), so an "or" filter that already has clauses cannot take more conditions.</summary>
    public static QueryFilter? Combine(QueryFilter? given, List<QueryClause> clauses)
    {
        if (clauses.Count == 0) return given;
        var combined = new QueryFilter { Type = "and" };
        if (given != null)
        {
            if (given.Type == "and")
            {
                clauses.AddRange(given.Clauses ?? new List<QueryClause>());
                if (given.Predicates is { Count: > 0 }) combined.Predicates = given.Predicates;
            }
            else if (given.Clauses is { Count: > 0 })
            {
                throw new ArgumentException("An 'or' -Filter with clauses cannot be combined with -QueueId, -UserId, -MediaType " +
                                            "or -Direction (the API nests filters two levels deep): " +
                                            "put those conditions into the -Filter instead.");
            }
            else if (given.Predicates is { Count: > 0 })
            {
                clauses.Add(new QueryClause { Type = "or", Predicates = given.Predicates });
            }
        }
        combined.Clauses = clauses;
        return combined;
    }

    private static JsonNode? Parse(string json, string source) => source == "-Query"
        ? UserJson.Parse(json, source, "a ConversationAggregationQuery body in the API's structure",
            "@{ groupBy = @('queueId'); metrics = @('nOffered', 'tHandle') }")
        : UserJson.Parse(json, source, "an aggregate filter in the API's structure",
            "@{ type = 'and'; predicates = @(@{ dimension = 'queueId'; value = '<queue id>' }) }");
}
