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

    /// <summary>Joins the buckets several requests gave for one group and interval; ordered by interval, then group.</summary>
    public List<MetricBucket> Merge(IEnumerable<MetricBucket> buckets) =>
        buckets.GroupBy(b => b.GroupKey + "|" + b.Interval.ToInterval())
            .Select(g => new MetricBucket(g.First().Group, g.First().Interval, Merge(g.Select(b => b.Stats))))
            .OrderBy(b => b.Interval.Start).ThenBy(b => b.GroupKey).ToList();

    public async Task ResolveNamesAsync(IReadOnlyCollection<MetricBucket> buckets, CancellationToken cancellationToken)
    {
        await _names.ResolveAsync(NameKind.Queue, buckets.Select(b => b.Value("queueId")), cancellationToken).ConfigureAwait(false);
        await _names.ResolveAsync(NameKind.User, buckets.Select(b => b.Value("userId")), cancellationToken).ConfigureAwait(false);
        await _names.ResolveAsync(NameKind.WrapUpCode, buckets.Select(b => b.Value("wrapUpCode")), cancellationToken).ConfigureAwait(false);
    }

    public IEnumerable<MetricRowBase> Of(MetricBucket bucket)
    {
        if (!_request.Long) return new MetricRowBase[] { Fill(Wide(bucket.Stats), bucket) };
        return _request.Metrics.Where(bucket.Stats.ContainsKey).Select(metric =>
        {
            var s = bucket.Stats[metric];
            return (MetricRowBase)Fill(new ConversationMetricValue
            {
                Metric = metric, Count = s.Count, Sum = s.Sum, Min = s.Min, Max = s.Max, Average = s.Average,
                AverageTime = MetricCatalog.IsTimer(metric) && s.Average is { } a ? TimeSpan.FromMilliseconds(a) : (TimeSpan?)null,
                Ratio = s.Ratio, Numerator = s.Numerator, Denominator = s.Denominator, Target = s.Target,
            }, bucket);
        });
    }

    private static ConversationMetricRow Wide(Dictionary<string, MetricStatistics> stats)
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
            ServiceLevelPercent = Of("oServiceLevel") is { } sl
                ? (sl.Ratio ?? (sl.Denominator is > 0 ? sl.Numerator / sl.Denominator : null)) * 100
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
