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
    }

    public static AggregateQueryResponse Run(ParsedAggregateQuery q, ConversationGenerator generator, DateTimeOffset now)
    {
        var wanted = new HashSet<string>(q.Metrics, StringComparer.Ordinal);
        foreach (var v in q.Views) wanted.Add(v.Target!);
        var serviceLevel = wanted.Contains("oServiceLevel");
        if (serviceLevel) wanted.Add("tAcd");
        var requested = new HashSet<string>(q.Metrics, StringComparer.Ordinal);

        var emissions = MetricEmissions.Collect(generator, q.Start, q.End, now, q.Filter, wanted.Contains);

        // (group key, bucket) → metric or view name → accumulator
        var cells = new Dictionary<(string Group, int Bucket), Dictionary<string, Acc>>();
        var groups = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        void Add(string group, int bucket, string name, long value, bool numerator = false)
        {
            if (!cells.TryGetValue((group, bucket), out var metrics)) cells[(group, bucket)] = metrics = new Dictionary<string, Acc>(StringComparer.Ordinal);
            if (!metrics.TryGetValue(name, out var a)) metrics[name] = a = new Acc();
            a.Count++;
            a.Sum += value;
            if (value < a.Min) a.Min = value;
            if (value > a.Max) a.Max = value;
            if (numerator) a.Numerator++;
        }

        foreach (var e in emissions)
        {
            var bucket = q.Buckets.IndexOf(e.EmitDate);
            if (bucket < 0) continue;
            foreach (var (key, group) in GroupsOf(e.Source, q))
            {
                groups.TryAdd(key, group);
                if (requested.Contains(e.Name)) Add(key, bucket, e.Name, e.Value);
                if (serviceLevel && e.Name == "tAcd")
                {
                    var within = !e.Source.Abandoned && e.Value <= ServiceLevel.ThresholdMs(e.Source.Session.MediaType);
                    Add(key, bucket, "oServiceLevel", 1, within);
                }

                foreach (var v in q.Views)
                {
                    if (v.Target != e.Name) continue;
                    if ((v.Range!.Gte is { } gte && e.Value < gte) || (v.Range.Lt is { } lt && e.Value >= lt)) continue;
                    Add(key, bucket, "\u0001view:" + v.Name, e.Value);
                }
            }
        }

        var results = new List<AggregateDataContainer>();
        foreach (var key in groups.Keys.Order(StringComparer.Ordinal))
        {
            var container = new AggregateDataContainer { Group = groups[key] };
            for (var b = 0; b < q.Buckets.Count; b++)
            {
                if (!cells.TryGetValue((key, b), out var accs)) continue;
                var metrics = q.Metrics.Where(accs.ContainsKey).Select(m => new AggregateMetricData { Metric = m, Stats = Stats(m, accs[m]) }).ToList();
                var views = q.Views.Where(v => accs.ContainsKey("\u0001view:" + v.Name))
                    .Select(v => new AggregateViewData { Name = v.Name, Stats = new StatisticalSummary { Count = accs["\u0001view:" + v.Name].Count } }).ToList();
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
        if (s.Groups is not null) return s.Groups;
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

        s.Groups = combos.Select(c => (
            string.Join("\u001f", c.Select(x => x.Dim + "=" + x.Value)),
            c.ToDictionary(x => x.Dim, x => x.Value, StringComparer.Ordinal))).ToList();
        return s.Groups;
    }
}
