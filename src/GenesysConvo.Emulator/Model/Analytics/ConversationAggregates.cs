using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Analytics;

// ConversationAggregateQueryResponse and friends, names as in the SDK typings.

public sealed class AggregateQueryResponse
{
    public List<AggregateDataContainer>? Results { get; set; }
}

public sealed class AggregateDataContainer
{
    public Dictionary<string, string> Group { get; set; } = [];
    public List<AggregateStatisticalResponse> Data { get; set; } = [];
}

public sealed class AggregateStatisticalResponse
{
    public string? Interval { get; set; }
    public List<AggregateMetricData>? Metrics { get; set; }
    public List<AggregateViewData>? Views { get; set; }
}

public sealed class AggregateMetricData
{
    public string? Metric { get; set; }
    public StatisticalSummary? Stats { get; set; }
}

public sealed class AggregateViewData
{
    public string? Name { get; set; }
    public StatisticalSummary? Stats { get; set; }
}

public sealed class StatisticalSummary
{
    public long? Max { get; set; }
    public long? Min { get; set; }
    public long? Count { get; set; }
    public long? Sum { get; set; }
    public double? Ratio { get; set; }
    public long? Numerator { get; set; }
    public long? Denominator { get; set; }
    public double? Target { get; set; }
}

/// <summary>
/// The answer of a conversation aggregates query. Every metric emission of the generated records (session metrics[]:
/// name, value, emitDate) counts in the bucket containing its emitDate, in the group of the dimension values of the
/// session it was emitted on (<see cref="EmissionSource"/>); t* → {max,min,count,sum}, n* → {count}, oServiceLevel →
/// {ratio,numerator,denominator,target} (<see cref="ServiceLevel"/>). Empty groups and buckets are omitted; no data at
/// all → {} (no results).
/// </summary>
public static class ConversationAggregates
{
    /// <summary>Service level: per media the answer-time threshold (the same for every queue) and the target ratio.</summary>
    public static class ServiceLevel
    {
        public const double Target = 0.8;

        /// <summary>voice/chat 20 s (the generator's nOverSla threshold), message and callback 1 h, email 24 h.</summary>
        public static long ThresholdMs(string? mediaType) => mediaType switch
        {
            "voice" or "chat" => 20_000,
            "email" => 86_400_000,
            _ => 3_600_000,
        };
    }

    public static AggregateQueryResponse Run(ParsedAggregateQuery q, ConversationGenerator generator, DateTimeOffset now)
    {
        var cells = new AggregateCells(q);
        foreach (var e in MetricEmissions.Collect(generator, q.Start, q.End, now, q.Filter, cells.Wanted.Contains)) cells.Add(e);

        var results = new List<AggregateDataContainer>();
        foreach (var (id, group) in cells.GroupsInOrder())
        {
            var container = new AggregateDataContainer { Group = group };
            for (var b = 0; b < q.Buckets.Count; b++)
                if (Bucket(q, cells.At(id, b), b) is { } data) container.Data.Add(data);
            if (container.Data.Count > 0) results.Add(container);
        }

        return new AggregateQueryResponse { Results = results.Count > 0 ? results : null };
    }

    /// <summary>One bucket of one group: its metrics (request order) and views, or null when it has none.</summary>
    private static AggregateStatisticalResponse? Bucket(ParsedAggregateQuery q, AggregateCells.Acc?[]? accs, int bucket)
    {
        if (accs is null) return null;
        var metrics = new List<AggregateMetricData>();
        for (var m = 0; m < q.Metrics.Count; m++)
            if (accs[m] is { } a) metrics.Add(new AggregateMetricData { Metric = q.Metrics[m], Stats = Stats(q.Metrics[m], a) });
        var views = new List<AggregateViewData>();
        for (var v = 0; v < q.Views.Count; v++)
        {
            if (accs[q.Metrics.Count + v] is { } a)
                views.Add(new AggregateViewData { Name = q.Views[v].Name, Stats = new StatisticalSummary { Count = a.Count } });
        }

        if (metrics.Count == 0 && views.Count == 0) return null;
        return new AggregateStatisticalResponse
        {
            Interval = q.Buckets.Label(bucket),
            Metrics = metrics.Count > 0 ? metrics : null,
            Views = views.Count > 0 ? views : null,
        };
    }

    private static StatisticalSummary Stats(string metric, AggregateCells.Acc a)
    {
        if (metric == "oServiceLevel")
        {
            var ratio = a.Count == 0 ? 0 : (double)a.Numerator / a.Count;
            return new StatisticalSummary { Ratio = ratio, Numerator = a.Numerator, Denominator = a.Count, Target = ServiceLevel.Target };
        }

        return metric[0] == 't'
            ? new StatisticalSummary { Max = a.Max, Min = a.Min, Count = a.Count, Sum = a.Sum }
            : new StatisticalSummary { Count = a.Count };
    }
}
