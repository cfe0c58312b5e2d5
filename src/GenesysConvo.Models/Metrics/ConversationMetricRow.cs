using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GenesysConvo;

/// <summary>The statistics of one metric in one group and interval, as the aggregates API returns them (timer metrics
/// in milliseconds), with the average derived.</summary>
public sealed class MetricStatistics
{
    public long? Count { get; set; }
    public double? Sum { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    public double? Ratio { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    public double? Target { get; set; }
    /// <summary>Sum / Count.</summary>
    public double? Average => Count is > 0 && Sum is { } sum ? sum / Count.Value : (double?)null;
}

/// <summary>Columns every metric row carries: its interval (UTC and in the query's time zone) and its group.</summary>
public abstract class MetricRowBase
{
    public DateTimeOffset IntervalStart { get; set; }
    public DateTimeOffset IntervalEnd { get; set; }
    /// <summary>The interval start as a wall-clock time in <see cref="TimeZone"/>.</summary>
    public DateTime IntervalStartLocal { get; set; }
    public DateTime IntervalEndLocal { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? User { get; set; }
    public string? UserId { get; set; }
    public string? MediaType { get; set; }
    public string? Direction { get; set; }
    public string? OriginatingDirection { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpCodeId { get; set; }
    public string? DivisionId { get; set; }
    /// <summary>Any other group dimensions, as "name=value; name=value".</summary>
    public string? OtherGroup { get; set; }
}

/// <summary>One row per group × interval (Get-GenesysConversationMetric): the headline figures of a contact-centre
/// report as typed columns; every requested metric's count, sum, min, max and average are added as columns too.</summary>
public sealed class ConversationMetricRow : MetricRowBase
{
    public long? Offered { get; set; }
    public long? Answered { get; set; }
    public long? Abandoned { get; set; }
    /// <summary>Abandoned / Offered × 100.</summary>
    public double? AbandonRate { get; set; }
    public long? Transferred { get; set; }
    public long? Handled { get; set; }
    public TimeSpan? AverageHandleTime { get; set; }
    public TimeSpan? AverageTalkTime { get; set; }
    public TimeSpan? AverageHoldTime { get; set; }
    public TimeSpan? AverageAcwTime { get; set; }
    /// <summary>Average time in queue before answer or abandon (tAcd).</summary>
    public TimeSpan? AverageWaitTime { get; set; }
    /// <summary>Average speed of answer (tAnswered).</summary>
    public TimeSpan? AverageSpeedOfAnswer { get; set; }
    /// <summary>oServiceLevel ratio × 100.</summary>
    public double? ServiceLevelPercent { get; set; }

    /// <summary>Every requested metric's statistics, by metric name.</summary>
    [Hidden]
    public Dictionary<string, MetricStatistics> Metrics { get; set; } =
        new Dictionary<string, MetricStatistics>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The long form (-AsMetricRows): one row per group × interval × metric.</summary>
public sealed class ConversationMetricValue : MetricRowBase
{
    public string Metric { get; set; } = "";
    public long? Count { get; set; }
    public double? Sum { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
    /// <summary>Sum / Count, as a duration for timer (t*) metrics.</summary>
    public TimeSpan? AverageTime { get; set; }
    public double? Average { get; set; }
    public double? Ratio { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    public double? Target { get; set; }
}
