using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Metrics;

/// <summary>The columns of a metric row in the order a spreadsheet reads them: the interval, the group, the headline
/// figures, then each requested metric's raw statistics. One unit per kind of column: the headline averages are
/// durations (TimeSpan, whole milliseconds), every raw timer statistic (t…Sum, Min, Max, Average) is in milliseconds
/// as the API reports it, counts are whole numbers, percentages have two decimals and ratios four.</summary>
public static class MetricColumns
{
    private static readonly (string Name, Func<MetricRowBase, object?> Value)[] s_interval =
    {
        ("IntervalStartLocal", r => r.IntervalStartLocal), ("IntervalEndLocal", r => r.IntervalEndLocal),
        ("TimeZone", r => r.TimeZone), ("IntervalStart", r => r.IntervalStart), ("IntervalEnd", r => r.IntervalEnd),
    };

    private static readonly (string Name, Func<MetricRowBase, object?> Value)[] s_group =
    {
        ("Queue", r => r.Queue), ("QueueId", r => r.QueueId), ("User", r => r.User), ("UserId", r => r.UserId),
        ("MediaType", r => r.MediaType), ("Direction", r => r.Direction), ("OriginatingDirection", r => r.OriginatingDirection),
        ("WrapUpCode", r => r.WrapUpCode), ("WrapUpCodeId", r => r.WrapUpCodeId), ("DivisionId", r => r.DivisionId),
        ("OtherGroup", r => r.OtherGroup),
    };

    private static readonly (string Name, Func<ConversationMetricRow, object?> Value)[] s_headline =
    {
        ("Offered", r => r.Offered), ("Answered", r => r.Answered), ("Abandoned", r => r.Abandoned),
        ("AbandonRate", r => r.AbandonRate), ("Transferred", r => r.Transferred), ("Handled", r => r.Handled),
        ("AverageHandleTime", r => r.AverageHandleTime), ("AverageTalkTime", r => r.AverageTalkTime),
        ("AverageHoldTime", r => r.AverageHoldTime), ("AverageAcwTime", r => r.AverageAcwTime),
        ("AverageWaitTime", r => r.AverageWaitTime), ("AverageSpeedOfAnswer", r => r.AverageSpeedOfAnswer),
        ("ServiceLevelPercent", r => r.ServiceLevelPercent),
    };

    private static readonly (string Name, Func<ConversationMetricValue, object?> Value)[] s_value =
    {
        ("Metric", r => r.Metric), ("Count", r => r.Count), ("Sum", r => r.Sum), ("Min", r => r.Min), ("Max", r => r.Max),
        ("Average", r => r.Average), ("AverageTime", r => r.AverageTime), ("Ratio", r => r.Ratio),
        ("Numerator", r => r.Numerator), ("Denominator", r => r.Denominator), ("Target", r => r.Target),
    };

    /// <summary>Every column of a row, in order: a wide row's typed columns then <paramref name="metrics"/>' raw
    /// statistics (tHandleCount, tHandleSum, tHandleMin, tHandleMax, tHandleAverage; nOfferedCount; oServiceLevelCount,
    /// oServiceLevelRatio); a long row's typed columns.</summary>
    public static List<KeyValuePair<string, object?>> Of(MetricRowBase row, IEnumerable<string> metrics)
    {
        var columns = s_interval.Concat(s_group).Select(c => Column(c.Name, c.Value(row))).ToList();
        switch (row)
        {
            case ConversationMetricRow wide:
                columns.AddRange(s_headline.Select(c => Column(c.Name, c.Value(wide))));
                foreach (var metric in metrics) columns.AddRange(Raw(metric, wide.Metrics.TryGetValue(metric, out var s) ? s : null));
                break;
            case ConversationMetricValue value:
                columns.AddRange(s_value.Select(c => Column(c.Name, c.Value(value))));
                break;
        }
        return columns;
    }

    /// <summary>The names of the typed columns of a row type, in order (for checking that none is left out).</summary>
    internal static IEnumerable<string> TypedNames(Type rowType) =>
        s_interval.Select(c => c.Name).Concat(s_group.Select(c => c.Name))
            .Concat(rowType == typeof(ConversationMetricRow) ? s_headline.Select(c => c.Name) : s_value.Select(c => c.Name));

    private static IEnumerable<KeyValuePair<string, object?>> Raw(string metric, MetricStatistics? stats)
    {
        yield return Column(metric + "Count", stats?.Count);
        if (metric.StartsWith("n", StringComparison.Ordinal)) yield break;
        if (metric.StartsWith("o", StringComparison.Ordinal))
        {
            yield return Column(metric + "Ratio", MetricRounding.Ratio(stats?.Ratio));
            yield break;
        }
        yield return Column(metric + "Sum", stats?.Sum);
        yield return Column(metric + "Min", stats?.Min);
        yield return Column(metric + "Max", stats?.Max);
        yield return Column(metric + "Average", MetricRounding.Milliseconds(stats?.Average));
    }

    private static KeyValuePair<string, object?> Column(string name, object? value) => new KeyValuePair<string, object?>(name, value);
}

/// <summary>How figures are rounded for reports: what a person reads, without binary noise (55.00000000000001).</summary>
internal static class MetricRounding
{
    public static double? Milliseconds(double? ms) => ms is { } value ? Math.Round(value) : (double?)null;

    public static TimeSpan? Duration(double? ms) => ms is { } value ? TimeSpan.FromMilliseconds(Math.Round(value)) : (TimeSpan?)null;

    public static double? Percent(double? value) => value is { } v ? Math.Round(v, 2) : (double?)null;

    public static double? Ratio(double? value) => value is { } v ? Math.Round(v, 4) : (double?)null;
}
