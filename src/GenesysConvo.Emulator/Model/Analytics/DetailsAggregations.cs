using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Analytics;

public sealed class AggregationResult
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Metric { get; set; }
    public int Count { get; set; }
    public List<AggregationResultEntry> Results { get; set; } = [];
}

public sealed class AggregationResultEntry
{
    public string? Value { get; set; }
    public double? Gte { get; set; }
    public double? Lt { get; set; }
    public int Count { get; set; }
}

/// <summary>
/// The "aggregations" of a details query, over ALL its matches (not just the page). termFrequency: per value of a
/// conversation or segment dimension, the number of matching conversations having it (top <c>size</c>, default 10, by
/// count). numericRange: conversations per range of a conversation-level metric.
/// </summary>
public static class DetailsAggregations
{
    public const int DefaultSize = 10;

    public static List<AggregationResult> Compute(List<QueryAggregation> aggs, List<MatchedConversation> matches,
        ConversationGenerator generator, DateTimeOffset now)
    {
        for (var i = 0; i < aggs.Count; i++) Normalise(aggs[i], i);

        var records = new AnalyticsConversation[matches.Count];
        Parallel.For(0, matches.Count, i => records[i] = generator.Get(matches[i].Index, now)!);
        return aggs.Select(a => a.Type == "termFrequency" ? TermFrequency(a, records) : NumericRange(a, records)).ToList();
    }

    /// <summary>Checks one aggregation and spells its type, dimension and metric as the catalogs do.</summary>
    private static void Normalise(QueryAggregation? a, int i)
    {
        if (a is null) throw Bad($"aggregations[{i}] must be an object.");
        if (a.Type is null || a.Type.Equals("termFrequency", StringComparison.OrdinalIgnoreCase))
        {
            a.Type = "termFrequency";
            if (a.Dimension is null) throw Bad($"aggregations[{i}]: termFrequency needs a dimension.");
            if (Predicates.ConversationDimensions.TryGetValue(a.Dimension, out var c)) a.Dimension = c;
            else if (Predicates.SegmentDimensions.TryGetValue(a.Dimension, out var s)) a.Dimension = s;
            else throw Bad($"aggregations[{i}]: unknown dimension '{a.Dimension}'.");
        }
        else if (a.Type.Equals("numericRange", StringComparison.OrdinalIgnoreCase))
        {
            a.Type = "numericRange";
            if (a.Metric is null || !Predicates.ConversationMetrics.TryGetValue(a.Metric, out var m))
                throw Bad($"aggregations[{i}]: numericRange needs a known conversation metric (got '{a.Metric}').");
            a.Metric = m;
            if (a.Ranges is not { Count: > 0 }) throw Bad($"aggregations[{i}]: numericRange needs ranges.");
        }
        else
        {
            throw Bad($"aggregations[{i}].type '{a.Type}' is invalid: expected termFrequency or numericRange.");
        }
    }

    private static AggregationResult TermFrequency(QueryAggregation a, AnalyticsConversation[] records)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in records)
        {
            var values = Predicates.ConversationDimensions.Contains(a.Dimension!)
                ? Predicates.ConversationDimension(c, a.Dimension!)
                : Predicates.SegmentsOf(c).SelectMany(s => Predicates.SegmentDimension(s, a.Dimension!)).ToArray();
            foreach (var v in values.Distinct(StringComparer.Ordinal))
                counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        return new AggregationResult
        {
            Type = a.Type, Dimension = a.Dimension, Count = records.Length,
            Results = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(a.Size is > 0 ? a.Size.Value : DefaultSize)
                .Select(kv => new AggregationResultEntry { Value = kv.Key, Count = kv.Value }).ToList(),
        };
    }

    private static AggregationResult NumericRange(QueryAggregation a, AnalyticsConversation[] records)
    {
        var values = records.Select(c => Predicates.ConversationMetric(c, a.Metric!)).OfType<double>().ToList();
        return new AggregationResult
        {
            Type = a.Type, Metric = a.Metric, Count = records.Length,
            Results = a.Ranges!.Select(r => new AggregationResultEntry
            {
                Gte = r.Gte, Lt = r.Lt,
                Count = values.Count(v => (r.Gte is not { } gte || v >= gte) && (r.Lt is not { } lt || v < lt)),
            }).ToList(),
        };
    }

    private static QueryValidationException Bad(string message) => new("bad.request", message);
}
