using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Directory;
using GenesysConvo.Core.Json;
using GenesysConvo.Core.Session;

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
}

/// <summary>Conversation metrics from POST /api/v2/analytics/conversations/aggregates/query: computed server-side,
/// each metric attributed to the bucket of its emit time. Long windows are split along bucket boundaries into
/// requests the API accepts, and the pieces re-joined (merged per group when there is one bucket for the window).</summary>
public static class ConversationMetrics
{
    public const string Path = "/api/v2/analytics/conversations/aggregates/query";
    private static readonly TimeSpan s_longestRequest = TimeSpan.FromDays(31);
    private const int MostBucketsPerRequest = 1000;

    /// <summary>The interval a -Query body carries, if any.</summary>
    public static TimeWindow? IntervalOf(string? queryJson)
    {
        if (queryJson is null) return null;
        try
        {
            return JsonNode.Parse(queryJson) is JsonObject body && body["interval"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? TimeWindow.Parse(value.GetValue<string>())
                : (TimeWindow?)null;
        }
        catch (JsonException e)
        {
            throw new ArgumentException("-Query is not valid JSON: " + e.Message);
        }
    }

    /// <summary>Everything checkable without the API, in the order a user fixes it.</summary>
    public static JsonObject Validate(MetricRequest request)
    {
        JsonObject body;
        if (request.QueryJson != null)
        {
            try { body = JsonNode.Parse(request.QueryJson) as JsonObject ?? throw new ArgumentException("-Query must be a JSON object (a ConversationAggregationQuery body)."); }
            catch (JsonException e) { throw new ArgumentException("-Query is not valid JSON: " + e.Message); }
            var allowed = new[] { "interval", "granularity", "timeZone", "groupBy", "filter", "metrics", "flattenMultivaluedDimensions", "views", "alternateTimeDimension", "queryType", "sortMetric", "limit" };
            foreach (var field in body.Select(p => p.Key))
                if (!allowed.Contains(field)) throw new ArgumentException($"-Query has '{field}', which is not a field of the API's ConversationAggregationQuery. Use only: {string.Join(", ", allowed)}.");
        }
        else body = new JsonObject();

        request.Metrics = request.Metrics.Select(MetricCatalog.Metric).Distinct().ToList();
        request.GroupBy = request.GroupBy.Select(MetricCatalog.Dimension).Distinct().ToList();
        if (request.Metrics.Count == 0) throw new ArgumentException("Give at least one -Metric.");
        if (request.FilterJson != null)
        {
            JsonNode? filter;
            try { filter = JsonNode.Parse(request.FilterJson); }
            catch (JsonException e) { throw new ArgumentException("-Filter is not valid JSON: " + e.Message); }
            var filterType = filter is JsonObject o && o["type"] is JsonValue tv && tv.GetValueKind() == JsonValueKind.String ? tv.GetValue<string>() : null;
            if (!(filter is JsonObject f) || !(filterType is "and" or "or") || (f["predicates"] is null && f["clauses"] is null))
                throw new ArgumentException("-Filter must be an aggregate filter {type: and|or, predicates: [...], clauses: [...]}, e.g. @{ type = 'and'; predicates = @(@{ dimension = 'queueId'; value = '<id>' }) }.");
            body["filter"] = f.DeepClone();
        }
        if (request.Granularity != null) request.Granularity.Boundaries(request.Window, request.Zone);
        return body;
    }

    /// <summary>Writes one row per group × interval (or per metric with Long) through <paramref name="write"/>.</summary>
    public static async Task<long> QueryAsync(GenesysConnection connection, MetricRequest request, Action<object> write, CancellationToken cancellationToken)
    {
        var body = Validate(request);
        await AddParameterFiltersAsync(body, request, connection.Names, cancellationToken).ConfigureAwait(false);
        body["metrics"] = new JsonArray(request.Metrics.Select(m => (JsonNode)m).ToArray());
        if (request.GroupBy.Count > 0) body["groupBy"] = new JsonArray(request.GroupBy.Select(g => (JsonNode)g).ToArray());
        body["timeZone"] = request.TimeZoneId;
        if (request.Granularity != null) body["granularity"] = request.Granularity.Iso; else body.Remove("granularity");

        var results = new List<(Dictionary<string, string> Group, TimeWindow Interval, Dictionary<string, MetricStatistics> Stats)>();
        foreach (var chunk in Chunks(request))
        {
            body["interval"] = chunk.ToInterval();
            OperationContext.Observer.Verbose($"Aggregating {string.Join(", ", request.Metrics)} over {chunk}{(request.Granularity is null ? "" : " by " + request.Granularity.Iso)} in {request.TimeZoneId}.");
            var response = await connection.SendAsync(HttpMethod.Post, Path, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            results.AddRange(Parse(response.Body, request.Granularity is null ? request.Window : (TimeWindow?)null));
        }

        var merged = results.GroupBy(r => Key(r.Group) + "|" + r.Interval.ToInterval())
            .Select(g => (g.First().Group, g.First().Interval, Stats: Merge(g.Select(x => x.Stats))))
            .OrderBy(r => r.Interval.Start).ThenBy(r => Key(r.Group)).ToList();
        var names = connection.Names;
        await names.ResolveAsync(DirectoryKind.Queue, merged.Select(r => Value(r.Group, "queueId")), cancellationToken).ConfigureAwait(false);
        await names.ResolveAsync(DirectoryKind.User, merged.Select(r => Value(r.Group, "userId")), cancellationToken).ConfigureAwait(false);
        await names.ResolveAsync(DirectoryKind.WrapUpCode, merged.Select(r => Value(r.Group, "wrapUpCode")), cancellationToken).ConfigureAwait(false);

        long written = 0;
        foreach (var (group, interval, stats) in merged)
        {
            if (request.Long)
            {
                foreach (var metric in request.Metrics.Where(stats.ContainsKey))
                {
                    var s = stats[metric];
                    write(Fill(new ConversationMetricValue
                    {
                        Metric = metric, Count = s.Count, Sum = s.Sum, Min = s.Min, Max = s.Max, Average = s.Average,
                        AverageTime = MetricCatalog.IsTimer(metric) && s.Average is { } a ? TimeSpan.FromMilliseconds(a) : (TimeSpan?)null,
                        Ratio = s.Ratio, Numerator = s.Numerator, Denominator = s.Denominator, Target = s.Target,
                    }, group, interval, request, names));
                    written++;
                }
                continue;
            }
            write(Fill(Row(stats), group, interval, request, names));
            written++;
        }
        return written;
    }

    private static ConversationMetricRow Row(Dictionary<string, MetricStatistics> stats)
    {
        MetricStatistics? Of(string metric) => stats.TryGetValue(metric, out var s) ? s : null;
        TimeSpan? Average(string metric) => Of(metric)?.Average is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        var offered = Of("nOffered")?.Count;
        var abandoned = Of("tAbandon")?.Count;
        return new ConversationMetricRow
        {
            Offered = offered,
            Answered = Of("tAnswered")?.Count,
            Abandoned = abandoned,
            AbandonRate = offered is > 0 && abandoned != null ? Math.Round(100.0 * abandoned.Value / offered.Value, 2) : (double?)null,
            Transferred = Of("nTransferred")?.Count,
            Handled = Of("tHandle")?.Count,
            AverageHandleTime = Average("tHandle"),
            AverageTalkTime = Average("tTalk"),
            AverageHoldTime = Average("tHeld"),
            AverageAcwTime = Average("tAcw"),
            AverageWaitTime = Average("tAcd"),
            AverageSpeedOfAnswer = Average("tAnswered"),
            ServiceLevelPercent = Of("oServiceLevel") is { } sl ? (sl.Ratio ?? (sl.Denominator is > 0 ? sl.Numerator / sl.Denominator : null)) * 100 : null,
            Metrics = stats,
        };
    }

    private static T Fill<T>(T row, Dictionary<string, string> group, TimeWindow interval, MetricRequest request, NameResolver names) where T : MetricRowBase
    {
        row.IntervalStart = interval.Start;
        row.IntervalEnd = interval.End;
        row.IntervalStartLocal = TimeZoneInfo.ConvertTime(interval.Start, request.Zone).DateTime;
        row.IntervalEndLocal = TimeZoneInfo.ConvertTime(interval.End, request.Zone).DateTime;
        row.TimeZone = request.TimeZoneId;
        row.QueueId = Value(group, "queueId");
        row.Queue = row.QueueId is null ? null : names.NameOf(DirectoryKind.Queue, row.QueueId) ?? row.QueueId;
        row.UserId = Value(group, "userId");
        row.User = row.UserId is null ? null : names.NameOf(DirectoryKind.User, row.UserId) ?? row.UserId;
        row.WrapUpCodeId = Value(group, "wrapUpCode");
        row.WrapUpCode = row.WrapUpCodeId is null ? null : names.NameOf(DirectoryKind.WrapUpCode, row.WrapUpCodeId) ?? row.WrapUpCodeId;
        row.MediaType = Value(group, "mediaType");
        row.Direction = Value(group, "direction");
        row.OriginatingDirection = Value(group, "originatingDirection");
        row.DivisionId = Value(group, "divisionId");
        var known = new[] { "queueId", "userId", "wrapUpCode", "mediaType", "direction", "originatingDirection", "divisionId" };
        var other = group.Where(g => !known.Contains(g.Key)).Select(g => $"{g.Key}={g.Value}").ToList();
        row.OtherGroup = other.Count == 0 ? null : string.Join("; ", other);
        return row;
    }

    private static async Task AddParameterFiltersAsync(JsonObject body, MetricRequest request, NameResolver names, CancellationToken cancellationToken)
    {
        var clauses = new List<JsonObject>();
        async Task AddAsync(DirectoryKind? kind, IList<string> values, string dimension)
        {
            if (values.Count == 0) return;
            var predicates = new JsonArray();
            foreach (var value in values)
            {
                var resolved = kind is { } k ? await names.IdForAsync(k, value, cancellationToken).ConfigureAwait(false) : value.ToLowerInvariant();
                predicates.Add(new JsonObject { ["type"] = "dimension", ["dimension"] = dimension, ["operator"] = "matches", ["value"] = resolved });
            }
            clauses.Add(new JsonObject { ["type"] = "or", ["predicates"] = predicates });
        }
        await AddAsync(DirectoryKind.Queue, request.Queues, "queueId").ConfigureAwait(false);
        await AddAsync(DirectoryKind.User, request.Users, "userId").ConfigureAwait(false);
        await AddAsync(null, request.MediaTypes, "mediaType").ConfigureAwait(false);
        await AddAsync(null, request.Directions, "direction").ConfigureAwait(false);
        if (clauses.Count == 0) return;
        // The parameters AND with whatever filter the caller gave. A filter has at most two levels (filter → clauses →
        // predicates), so an "or" filter that already has clauses cannot take more conditions.
        var combined = new JsonObject { ["type"] = "and" };
        if (body["filter"] is JsonObject existing)
        {
            var type = existing["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "and";
            var existingClauses = existing["clauses"] as JsonArray;
            var existingPredicates = existing["predicates"] as JsonArray;
            if (type == "and")
            {
                foreach (var clause in existingClauses ?? new JsonArray()) clauses.Add((JsonObject)clause!.DeepClone());
                if (existingPredicates is { Count: > 0 }) combined["predicates"] = existingPredicates.DeepClone();
            }
            else if (existingClauses is { Count: > 0 })
            {
                throw new ArgumentException("An 'or' -Filter with clauses cannot be combined with -QueueId, -UserId, -MediaType or -Direction " +
                                            "(the API nests filters two levels deep): put those conditions into the -Filter instead.");
            }
            else if (existingPredicates is { Count: > 0 })
            {
                clauses.Add(new JsonObject { ["type"] = "or", ["predicates"] = existingPredicates.DeepClone() });
            }
        }
        combined["clauses"] = new JsonArray(clauses.Select(c => (JsonNode)c).ToArray());
        body["filter"] = combined;
    }

    /// <summary>Requests the API accepts: at most 31 days and 1,000 buckets each, cut on bucket boundaries.</summary>
    private static IEnumerable<TimeWindow> Chunks(MetricRequest request)
    {
        if (request.Granularity is null)
        {
            foreach (var piece in request.Window.Split(s_longestRequest)) yield return piece;
            yield break;
        }
        var boundaries = request.Granularity.Boundaries(request.Window, request.Zone);
        var start = 0;
        for (var i = 1; i < boundaries.Count; i++)
        {
            var tooLong = boundaries[i] - boundaries[start] > s_longestRequest || i - start > MostBucketsPerRequest;
            if (tooLong && i - 1 > start)
            {
                yield return new TimeWindow(boundaries[start], boundaries[i - 1]);
                start = i - 1;
            }
        }
        yield return new TimeWindow(boundaries[start], boundaries[boundaries.Count - 1]);
    }

    private static IEnumerable<(Dictionary<string, string>, TimeWindow, Dictionary<string, MetricStatistics>)> Parse(string json, TimeWindow? single)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array) yield break;
        foreach (var result in results.EnumerateArray())
        {
            var group = new Dictionary<string, string>(StringComparer.Ordinal);
            if (result.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.Object)
                foreach (var p in g.EnumerateObject()) group[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            if (!result.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array) continue;
            foreach (var bucket in data.EnumerateArray())
            {
                var interval = single ?? TimeWindow.Parse(bucket.GetProperty("interval").GetString()!);
                var stats = new Dictionary<string, MetricStatistics>(StringComparer.OrdinalIgnoreCase);
                if (bucket.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Array)
                    foreach (var m in metrics.EnumerateArray())
                        if (m.TryGetProperty("metric", out var name) && m.TryGetProperty("stats", out var s))
                            stats[name.GetString()!] = JsonSerializer.Deserialize<MetricStatistics>(s.GetRawText(), JsonDefaults.Options) ?? new MetricStatistics();
                yield return (group, interval, stats);
            }
        }
    }

    /// <summary>Joins the statistics of one group from several requests: counts and sums add, min/max combine,
    /// ratios are recomputed from numerators and denominators.</summary>
    private static Dictionary<string, MetricStatistics> Merge(IEnumerable<Dictionary<string, MetricStatistics>> parts)
    {
        var list = parts.ToList();
        if (list.Count == 1) return list[0];
        var merged = new Dictionary<string, MetricStatistics>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in list.SelectMany(p => p.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var stats = list.Where(p => p.ContainsKey(name)).Select(p => p[name]).ToList();
            double? Sum(Func<MetricStatistics, double?> f) => stats.Any(s => f(s) != null) ? stats.Sum(s => f(s) ?? 0) : (double?)null;
            var numerator = Sum(s => s.Numerator);
            var denominator = Sum(s => s.Denominator);
            merged[name] = new MetricStatistics
            {
                Count = stats.Any(s => s.Count != null) ? stats.Sum(s => s.Count ?? 0) : (long?)null,
                Sum = Sum(s => s.Sum),
                Min = stats.Where(s => s.Min != null).Select(s => s.Min).DefaultIfEmpty(null).Min(),
                Max = stats.Where(s => s.Max != null).Select(s => s.Max).DefaultIfEmpty(null).Max(),
                Numerator = numerator,
                Denominator = denominator,
                Ratio = denominator is > 0 ? numerator / denominator : null,
                Target = stats.Select(s => s.Target).FirstOrDefault(t => t != null),
            };
        }
        return merged;
    }

    private static string? Value(Dictionary<string, string> group, string key) => group.TryGetValue(key, out var v) ? v : null;

    private static string Key(Dictionary<string, string> group) => string.Join(";", group.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Value));
}
