using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenesysConvo.Core.Api.Models;

// Request bodies of the analytics conversation endpoints, named and shaped as in the official SDKs
// (ConversationQuery, AsyncConversationQuery, ConversationAggregationQuery). Fields the module does not build itself
// (aggregations, views, sortMetric) pass through as the caller gave them.

/// <summary>What the details query and the details jobs share: the filters of each level, the order, the interval.</summary>
public abstract class DetailsQueryBody
{
    public List<QueryFilter>? ConversationFilters { get; set; }
    public List<QueryFilter>? SegmentFilters { get; set; }
    public List<QueryFilter>? EvaluationFilters { get; set; }
    public List<QueryFilter>? SurveyFilters { get; set; }
    public List<QueryFilter>? ResolutionFilters { get; set; }
    public string? Order { get; set; }
    public string? OrderBy { get; set; }
    public string Interval { get; set; } = "";

    /// <summary>Takes the other body's filters and order (the lists are shared, not copied).</summary>
    public void CopyFiltersAndOrderFrom(DetailsQueryBody other)
    {
        ConversationFilters = other.ConversationFilters;
        SegmentFilters = other.SegmentFilters;
        EvaluationFilters = other.EvaluationFilters;
        SurveyFilters = other.SurveyFilters;
        ResolutionFilters = other.ResolutionFilters;
        Order = other.Order;
        OrderBy = other.OrderBy;
    }
}

/// <summary>POST /api/v2/analytics/conversations/details/query.</summary>
public sealed class ConversationQuery : DetailsQueryBody
{
    public List<JsonElement>? Aggregations { get; set; }
    public PagingSpec? Paging { get; set; }
}

/// <summary>POST /api/v2/analytics/conversations/details/jobs: the same filters, no paging.</summary>
public sealed class AsyncConversationQuery : DetailsQueryBody
{
    public int? Limit { get; set; }
    public bool? StartOfDayIntervalMatching { get; set; }
}

public sealed class PagingSpec
{
    public int PageSize { get; set; }
    public int PageNumber { get; set; }
}

/// <summary>POST /api/v2/analytics/conversations/aggregates/query.</summary>
public sealed class ConversationAggregationQuery
{
    public string Interval { get; set; } = "";
    public string? Granularity { get; set; }
    public string? TimeZone { get; set; }
    public List<string>? GroupBy { get; set; }
    public QueryFilter? Filter { get; set; }
    public List<string> Metrics { get; set; } = new List<string>();
    public bool? FlattenMultivaluedDimensions { get; set; }
    public List<JsonElement>? Views { get; set; }
    public string? AlternateTimeDimension { get; set; }
    public string? QueryType { get; set; }
    public JsonElement? SortMetric { get; set; }
    public int? Limit { get; set; }
}

/// <summary>A filter of any analytics query (ConversationDetailQueryFilter, SegmentDetailQueryFilter,
/// ConversationAggregateQueryFilter … share this shape): predicates and clauses combined by type (and / or).</summary>
public sealed class QueryFilter
{
    public string Type { get; set; } = "and";
    public List<QueryClause>? Clauses { get; set; }
    public List<QueryPredicate>? Predicates { get; set; }
}

public sealed class QueryClause
{
    public string Type { get; set; } = "and";
    public List<QueryPredicate> Predicates { get; set; } = new List<QueryPredicate>();

    /// <summary>Fields a newer API version may add, kept so a caller's clause is sent as given.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One condition: a dimension (or segment property) matching a value or existing, or a metric in a range.</summary>
public sealed class QueryPredicate
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? PropertyType { get; set; }
    public string? Property { get; set; }
    public string? Metric { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public NumericRange? Range { get; set; }

    /// <summary>Fields a newer API version may add, kept so a caller's predicate is sent as given.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class NumericRange
{
    public double? Gt { get; set; }
    public double? Gte { get; set; }
    public double? Lt { get; set; }
    public double? Lte { get; set; }
}
