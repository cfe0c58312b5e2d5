using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Metrics;

/// <summary>Conversation metrics from the aggregates query: computed server-side, each metric attributed to the bucket
/// of its emit time. Long windows are split along bucket boundaries into requests the API accepts, and the pieces
/// re-joined (merged per group when there is one bucket for the window).</summary>
public static class ConversationMetrics
{
    // docs/genesys-api.md §4.4: the limits per request are not confirmed publicly; these are the conservative ones.
    private static readonly TimeSpan s_longestRequest = TimeSpan.FromDays(31);
    private const int MostBucketsPerRequest = 1000;

    /// <summary>The interval a -Query body carries, if any.</summary>
    public static TimeWindow? IntervalOf(string? queryJson) => MetricQueryBody.IntervalOf(queryJson);

    /// <summary>Everything checkable without the API, in the order a user fixes it.</summary>
    public static void Validate(MetricRequest request) => MetricQueryBody.Validate(request);

    /// <summary>Writes one row per group × interval (or per metric with Long) through <paramref name="write"/>.</summary>
    public static async Task<long> QueryAsync(GenesysApi api, NameResolver names, MetricRequest request, Action<object> write,
        CancellationToken cancellationToken)
    {
        var body = MetricQueryBody.Validate(request);
        var resolved = await request.Criteria.ResolveAsync(names, cancellationToken).ConfigureAwait(false);
        body.Filter = MetricQueryBody.Combine(body.Filter, resolved.AggregateClauses());
        body.Metrics = request.Metrics.ToList();
        if (request.GroupBy.Count > 0) body.GroupBy = request.GroupBy.ToList();
        body.TimeZone = request.TimeZoneId;
        body.Granularity = request.Granularity?.Iso;

        var results = new List<MetricBucket>();
        foreach (var chunk in Chunks(request))
        {
            body.Interval = chunk.ToInterval();
            OperationContext.Observer.Verbose(
                $"Aggregating {string.Join(", ", request.Metrics)} over {chunk}" +
                $"{(request.Granularity is null ? "" : " by " + request.Granularity.Iso)} in {request.TimeZoneId}.");
            var response = await api.Analytics.PostConversationsAggregatesQueryAsync(body, cancellationToken).ConfigureAwait(false);
            results.AddRange(Buckets(response, request.Granularity is null ? request.Window : (TimeWindow?)null));
        }

        var rows = new MetricRows(request, names);
        var merged = rows.Merge(results);
        await rows.ResolveNamesAsync(merged, cancellationToken).ConfigureAwait(false);
        long written = 0;
        foreach (var bucket in rows.InReportOrder(merged))
            foreach (var row in rows.Of(bucket))
            {
                write(row);
                written++;
            }
        return written;
    }

    /// <summary>The aggregates queries <see cref="QueryAsync"/> sends for a validated request (name look-ups aside),
    /// counted without sending any.</summary>
    public static RequestPlan Plan(MetricRequest request)
    {
        var calls = Chunks(request).Count();
        return new RequestPlan(calls, $"Reading {request.Window} needs {calls} aggregates queries " +
                                      $"(one per 31 days{(request.Granularity is null ? "" : " or 1,000 buckets")})");
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

    /// <summary>The buckets of one answer; with no granularity, each group has one bucket: the whole window.</summary>
    private static IEnumerable<MetricBucket> Buckets(ConversationAggregateQueryResponse response, TimeWindow? single)
    {
        foreach (var result in response.Results ?? new List<ConversationAggregateDataContainer>())
        {
            var group = (result.Group ?? new Dictionary<string, JsonElement>())
                .ToDictionary(
                    g => g.Key,
                    g => g.Value.ValueKind == JsonValueKind.String ? g.Value.GetString()! : g.Value.GetRawText(),
                    StringComparer.Ordinal);
            foreach (var data in result.Data ?? new List<StatisticalResponse>())
            {
                var interval = single ?? (data.Interval is { } text
                    ? TimeWindow.Parse(text)
                    : throw new GenesysApiException(
                        GenesysErrorKind.InvalidResponse, "The aggregates query answered a bucket without its interval."));
                var stats = new Dictionary<string, MetricStatistics>(StringComparer.OrdinalIgnoreCase);
                foreach (var metric in data.Metrics ?? new List<AggregateMetricData>())
                    if (metric.Metric != null && metric.Stats != null) stats[metric.Metric] = metric.Stats;
                yield return new MetricBucket(group, interval, stats);
            }
        }
    }
}

/// <summary>One group's statistics in one interval.</summary>
internal sealed class MetricBucket
{
    public MetricBucket(Dictionary<string, string> group, TimeWindow interval, Dictionary<string, MetricStatistics> stats)
    {
        Group = group;
        Interval = interval;
        Stats = stats;
    }

    public Dictionary<string, string> Group { get; }
    public TimeWindow Interval { get; }
    public Dictionary<string, MetricStatistics> Stats { get; }

    public string GroupKey => string.Join(";", Group.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "=" + g.Value));

    public string? Value(string dimension) => Group.TryGetValue(dimension, out var v) ? v : null;
}
