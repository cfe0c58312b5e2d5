using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Control;
using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Analytics;

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
/// POST /api/v2/analytics/conversations/aggregates/query (reference §4, §8.9). Every metric emission of the generated
/// records (session metrics[]: name, value, emitDate) counts in the bucket containing its emitDate, in the group of
/// the dimension values of the session it was emitted on (<see cref="EmissionSource"/>); t* → {max,min,count,sum},
/// n* → {count}, oServiceLevel → {ratio,numerator,denominator,target} (<see cref="ServiceLevel"/>). Empty groups and
/// buckets are omitted; no data at all → {} (no results).
/// </summary>
public static class AggregatesEndpoint
{
    public const string AggregatePermission = "analytics:conversationAggregate:view";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/analytics/conversations/aggregates/query", async (HttpContext ctx, ConversationGenerator generator, EmulatorClock clock) =>
        {
            try
            {
                var query = AggregateQueryParser.Parse(await AggregateQueryParser.Read(ctx.Request));
                return Results.Json(Run(query, generator, clock.Now), Json.Options);
            }
            catch (QueryValidationException ex)
            {
                return ErrorBodies.Result(ctx, 400, ex.Code, ex.Message);
            }
        }).RequireAnyPermission(AggregatePermission);

        MetricEventsControl.Map(app);
    }

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

    private sealed class Acc
    {
        public long Count, Sum, Min = long.MaxValue, Max = long.MinValue, Numerator;

        public void Add(long value, bool numerator = false)
        {
            Count++;
            Sum += value;
            if (value < Min) Min = value;
            if (value > Max) Max = value;
            if (numerator) Numerator++;
        }
    }

    public static AggregateQueryResponse Run(ParsedAggregateQuery q, ConversationGenerator generator, DateTimeOffset now)
    {
        // Accumulator slots per cell: the requested metrics, then the views.
        var metricSlot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < q.Metrics.Count; i++) metricSlot[q.Metrics[i]] = i;
        var slots = q.Metrics.Count + q.Views.Count;
        var serviceLevel = metricSlot.TryGetValue("oServiceLevel", out var slSlot);
        var wanted = new HashSet<string>(q.Metrics, StringComparer.Ordinal);
        foreach (var v in q.Views) wanted.Add(v.Target!);
        if (serviceLevel) wanted.Add("tAcd");

        var emissions = MetricEmissions.Collect(generator, q.Start, q.End, now, q.Filter, wanted.Contains);

        var groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<(string Key, Dictionary<string, string> Group)>();
        var groupsOfSource = new Dictionary<EmissionSource, int[]>(ReferenceEqualityComparer.Instance);
        var cells = new Dictionary<long, Acc?[]>(); // groupId * buckets + bucket → slots
        var bucketCount = q.Buckets.Count;

        foreach (var e in emissions)
        {
            var bucket = q.Buckets.IndexOf(e.EmitDate);
            if (bucket < 0) continue;
            if (!groupsOfSource.TryGetValue(e.Source, out var ids))
            {
                ids = GroupsOf(e.Source, q).Select(g =>
                {
                    if (groupIds.TryGetValue(g.Key, out var id)) return id;
                    groupIds[g.Key] = id = groups.Count;
                    groups.Add(g);
                    return id;
                }).ToArray();
                groupsOfSource[e.Source] = ids;
            }

            var slot = metricSlot.TryGetValue(e.Name, out var ms) ? ms : -1;
            foreach (var id in ids)
            {
                var cellKey = (long)id * bucketCount + bucket;
                if (!cells.TryGetValue(cellKey, out var accs)) cells[cellKey] = accs = new Acc?[slots];
                if (slot >= 0) (accs[slot] ??= new Acc()).Add(e.Value);
                if (serviceLevel && e.Name == "tAcd")
                {
                    var within = !e.Source.Abandoned && e.Value <= ServiceLevel.ThresholdMs(e.Source.MediaType);
                    (accs[slSlot] ??= new Acc()).Add(1, within);
                }

                for (var v = 0; v < q.Views.Count; v++)
                {
                    var view = q.Views[v];
                    if (view.Target != e.Name) continue;
                    if ((view.Range!.Gte is { } gte && e.Value < gte) || (view.Range.Lt is { } lt && e.Value >= lt)) continue;
                    (accs[q.Metrics.Count + v] ??= new Acc()).Add(e.Value);
                }
            }
        }

        var results = new List<AggregateDataContainer>();
        foreach (var id in Enumerable.Range(0, groups.Count).OrderBy(i => groups[i].Key, StringComparer.Ordinal))
        {
            var container = new AggregateDataContainer { Group = groups[id].Group };
            for (var b = 0; b < bucketCount; b++)
            {
                if (!cells.TryGetValue((long)id * bucketCount + b, out var accs)) continue;
                var metrics = new List<AggregateMetricData>();
                for (var m = 0; m < q.Metrics.Count; m++)
                    if (accs[m] is { } a) metrics.Add(new AggregateMetricData { Metric = q.Metrics[m], Stats = Stats(q.Metrics[m], a) });
                var views = new List<AggregateViewData>();
                for (var v = 0; v < q.Views.Count; v++)
                    if (accs[q.Metrics.Count + v] is { } a) views.Add(new AggregateViewData { Name = q.Views[v].Name, Stats = new StatisticalSummary { Count = a.Count } });
                if (metrics.Count == 0 && views.Count == 0) continue;
                container.Data.Add(new AggregateStatisticalResponse
                {
                    Interval = q.Buckets.Label(b),
                    Metrics = metrics.Count > 0 ? metrics : null,
                    Views = views.Count > 0 ? views : null,
                });
            }

            if (container.Data.Count > 0) results.Add(container);
        }

        return new AggregateQueryResponse { Results = results.Count > 0 ? results : null };
    }

    private static StatisticalSummary Stats(string metric, Acc a)
    {
        if (metric == "oServiceLevel")
        {
            return new StatisticalSummary { Ratio = a.Count == 0 ? 0 : (double)a.Numerator / a.Count, Numerator = a.Numerator, Denominator = a.Count, Target = ServiceLevel.Target };
        }

        return metric[0] == 't'
            ? new StatisticalSummary { Max = a.Max, Min = a.Min, Count = a.Count, Sum = a.Sum }
            : new StatisticalSummary { Count = a.Count };
    }

    /// <summary>
    /// The groups one emission counts in: per groupBy dimension its values; a dimension without value is left out of
    /// the group; a multi-valued one (divisionId, requestedRouting) puts the emission in one group per value, or —
    /// with flattenMultivaluedDimensions — in one group whose value is the values joined with ",".
    /// </summary>
    private static List<(string Key, Dictionary<string, string> Group)> GroupsOf(EmissionSource s, ParsedAggregateQuery q)
    {
        var combos = new List<List<(string Dim, string Value)>> { new() };
        foreach (var dim in q.GroupBy)
        {
            var values = s.Dimension(dim);
            if (values.Length == 0) continue;
            if (q.Flatten && values.Length > 1) values = [string.Join(",", values)];
            var next = new List<List<(string, string)>>();
            foreach (var combo in combos)
                foreach (var v in values.Distinct(StringComparer.Ordinal))
                    next.Add([.. combo, (dim, v)]);
            combos = next;
        }

        return combos.Select(c => (
            string.Join("\u001f", c.Select(x => x.Dim + "=" + x.Value)),
            c.ToDictionary(x => x.Dim, x => x.Value, StringComparer.Ordinal))).ToList();
    }
}
