using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Metrics;

/// <summary>Turns buckets into rows: merged per group and interval, named, wide (one row per group × interval with the
/// headline figures) or long (one row per metric).</summary>
internal sealed class MetricRows
{
    private static readonly string[] s_namedDimensions =
        { "queueId", "userId", "wrapUpCode", "mediaType", "direction", "originatingDirection", "divisionId" };

    private readonly MetricRequest _request;
    private readonly NameResolver _names;

    public MetricRows(MetricRequest request, NameResolver names)
    {
        _request = request;
        _names = names;
    }

    /// <summary>Joins the buckets several requests gave for one group and interval. A requested count or timer metric
    /// the API left out of a bucket counted nothing there: it becomes a count of 0 (and a sum of 0), so a report shows
    /// 0 abandons, not a blank, for a queue that had calls.</summary>
    public List<MetricBucket> Merge(IEnumerable<MetricBucket> buckets) =>
        buckets.GroupBy(b => b.GroupKey + "|" + b.Interval.ToInterval())
            .Select(g => new MetricBucket(g.First().Group, g.First().Interval, WithZeros(Merge(g.Select(b => b.Stats)))))
            .ToList();

    /// <summary>Ordered as a report reads: by interval, then by group, by name (queue, user and wrap-up code names
    /// once resolved) in the -GroupBy order.</summary>
    public IEnumerable<MetricBucket> InReportOrder(IEnumerable<MetricBucket> buckets) =>
        buckets.OrderBy(b => b.Interval.Start)
            .ThenBy(GroupNames, StringComparer.OrdinalIgnoreCase)
            .ThenBy(b => b.GroupKey, StringComparer.Ordinal);

    // \u0001 sorts before any character of a name, so "Billing" comes before "Billing - Disputes" whatever follows.
    private string GroupNames(MetricBucket bucket) =>
        string.Join("\u0001", _request.GroupBy.Concat(bucket.Group.Keys.Except(_request.GroupBy).OrderBy(k => k, StringComparer.Ordinal))
            .Select(dimension => DisplayValue(dimension, bucket.Value(dimension)) ?? ""));

    private string? DisplayValue(string dimension, string? value) => dimension switch
    {
        "queueId" => NameOrId(NameKind.Queue, value),
        "userId" => NameOrId(NameKind.User, value),
        "wrapUpCode" => NameOrId(NameKind.WrapUpCode, value),
        _ => value,
    };

    private Dictionary<string, MetricStatistics> WithZeros(Dictionary<string, MetricStatistics> stats)
    {
        foreach (var metric in _request.Metrics.Where(m => !m.StartsWith("o", StringComparison.Ordinal)))
        {
            if (!stats.TryGetValue(metric, out var s)) stats[metric] = s = new MetricStatistics();
            s.Count ??= 0;
            if (MetricCatalog.IsTimer(metric) && s.Count == 0) s.Sum ??= 0;
        }
        return stats;
    }

    public Task ResolveNamesAsync(IReadOnlyCollection<MetricBucket> buckets, CancellationToken cancellationToken) =>
        _names.ResolveAllAsync(new[]
        {
            (NameKind.Queue, buckets.Select(b => b.Value("queueId"))),
            (NameKind.User, buckets.Select(b => b.Value("userId"))),
            (NameKind.WrapUpCode, buckets.Select(b => b.Value("wrapUpCode"))),
        }, cancellationToken);

    public IEnumerable<MetricRowBase> Of(MetricBucket bucket)
    {
        if (!_request.Long) return new MetricRowBase[] { Fill(Wide(bucket.Stats), bucket) };
        return _request.Metrics.Where(bucket.Stats.ContainsKey).Select(metric =>
        {
            var s = bucket.Stats[metric];
            return (MetricRowBase)Fill(new ConversationMetricValue
            {
                Metric = metric, Count = s.Count, Sum = s.Sum, Min = s.Min, Max = s.Max, Average = MetricRounding.Milliseconds(s.Average),
                AverageTime = MetricCatalog.IsTimer(metric) ? MetricRounding.Duration(s.Average) : null,
                Ratio = MetricRounding.Ratio(s.Ratio), Numerator = s.Numerator, Denominator = s.Denominator, Target = s.Target,
            }, bucket);
        });
    }

    private static ConversationMetricRow Wide(Dictionary<string, MetricStatistics> stats)
    {
        MetricStatistics? Of(string metric) => stats.TryGetValue(metric, out var s) ? s : null;
        TimeSpan? Average(string metric) => MetricRounding.Duration(Of(metric)?.Average);
        var offered = Of("nOffered")?.Count;
        var abandoned = Of("tAbandon")?.Count;
        return new ConversationMetricRow
        {
            Offered = offered,
            Answered = Of("tAnswered")?.Count,
            Abandoned = abandoned,
            AbandonRate = offered is > 0 && abandoned != null ? MetricRounding.Percent(100.0 * abandoned.Value / offered.Value) : null,
            Transferred = Of("nTransferred")?.Count,
            Handled = Of("tHandle")?.Count,
            AverageHandleTime = Average("tHandle"),
            AverageTalkTime = Average("tTalk"),
            AverageHoldTime = Average("tHeld"),
            AverageAcwTime = Average("tAcw"),
            AverageWaitTime = Average("tAcd"),
            AverageSpeedOfAnswer = Average("tAnswered"),
            ServiceLevelPercent = Of("oServiceLevel") is { } sl
                ? MetricRounding.Percent((sl.Ratio ?? (sl.Denominator is > 0 ? sl.Numerator / sl.Denominator : null)) * 100)
                : null,
            Metrics = stats,
        };
    }

    private T Fill<T>(T row, MetricBucket bucket) where T : MetricRowBase
    {
        row.IntervalStart = bucket.Interval.Start;
        row.IntervalEnd = bucket.Interval.End;
        row.IntervalStartLocal = TimeZoneInfo.ConvertTime(bucket.Interval.Start, _request.Zone).DateTime;
        row.IntervalEndLocal = TimeZoneInfo.ConvertTime(bucket.Interval.End, _request.Zone).DateTime;
        row.TimeZone = _request.TimeZoneId;
        row.QueueId = bucket.Value("queueId");
        row.Queue = NameOrId(NameKind.Queue, row.QueueId);
        row.UserId = bucket.Value("userId");
        row.User = NameOrId(NameKind.User, row.UserId);
        row.WrapUpCodeId = bucket.Value("wrapUpCode");
        row.WrapUpCode = NameOrId(NameKind.WrapUpCode, row.WrapUpCodeId);
        row.MediaType = bucket.Value("mediaType");
        row.Direction = bucket.Value("direction");
        row.OriginatingDirection = bucket.Value("originatingDirection");
        row.DivisionId = bucket.Value("divisionId");
        var other = bucket.Group.Where(g => !s_namedDimensions.Contains(g.Key)).Select(g => $"{g.Key}={g.Value}").ToList();
        row.OtherGroup = other.Count == 0 ? null : string.Join("; ", other);
        return row;
    }

    private string? NameOrId(NameKind kind, string? id) => id is null ? null : _names.NameOf(kind, id) ?? id;

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
}
