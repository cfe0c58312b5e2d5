using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Analytics;

/// <summary>Builds the API's filters (details and aggregates alike): predicates, filters of one kind of condition,
/// and how the module says "one of these values" and "still open".</summary>
public static class QueryFilters
{
    public static QueryPredicate Matches(string dimension, string value) =>
        new QueryPredicate { Type = "dimension", Dimension = dimension, Operator = "matches", Value = value };

    public static QueryPredicate Exists(string dimension) =>
        new QueryPredicate { Type = "dimension", Dimension = dimension, Operator = "exists" };

    public static QueryPredicate NotExists(string dimension) =>
        new QueryPredicate { Type = "dimension", Dimension = dimension, Operator = "notExists" };

    public static QueryPredicate MetricAtLeast(string metric, long value) =>
        new QueryPredicate { Type = "metric", Metric = metric, Range = new NumericRange { Gte = value } };

    /// <summary>The values of one parameter are ORed; no values, no filter.</summary>
    public static QueryFilter? AnyOf(string dimension, IEnumerable<string> values)
    {
        var predicates = values.Select(v => Matches(dimension, v)).ToList();
        return predicates.Count == 0 ? null : new QueryFilter { Type = "or", Predicates = predicates };
    }

    public static QueryFilter AllOf(params QueryPredicate[] predicates) =>
        new QueryFilter { Type = "and", Predicates = predicates.ToList() };

    /// <summary>The same segment is still open AND belongs to one of the ids: where a conversation is now, not where it has been.</summary>
    public static QueryFilter? OpenSegmentIn(string dimension, IReadOnlyCollection<string> ids) => ids.Count == 0 ? null : new QueryFilter
    {
        Type = "and",
        Clauses = new List<QueryClause> { new QueryClause { Type = "or", Predicates = ids.Select(id => Matches(dimension, id)).ToList() } },
        Predicates = new List<QueryPredicate> { NotExists("segmentEnd") },
    };

    /// <summary>One parameter's values as a clause of an aggregate filter; no values, no clause.</summary>
    public static QueryClause? AnyOfClause(string dimension, IEnumerable<string> values) =>
        AnyOf(dimension, values) is { } filter ? new QueryClause { Type = "or", Predicates = filter.Predicates! } : null;
}
