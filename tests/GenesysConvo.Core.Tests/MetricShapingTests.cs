using System.Reflection;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Metric rows shaped for a spreadsheet: the order of rows and columns, zeros, rounding, units.</summary>
public class MetricShapingTests
{
    // Ids in the opposite order of the names, so an order by id and an order by name differ.
    private const string Sales = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Disputes = "aaaaaaaa-0000-0000-0000-000000000002";
    private const string Billing = "aaaaaaaa-0000-0000-0000-000000000003";
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static string Bucket(string queueId, TimeWindow interval, string metrics) =>
        $$"""{"group": {"queueId": "{{queueId}}", "mediaType": "voice"}, "data": [{"interval": "{{interval.ToInterval()}}", "metrics": [{{metrics}}]}]}""";

    private static async Task<List<object>> RowsAsync(MetricRequest request, params string[] results)
    {
        var http = AnalyticsEndToEndTests.Server((path, _) =>
            path == AnalyticsApi.AggregatesQueryPath ? $$"""{"results": [{{string.Join(",", results)}}]}"""
            : path.StartsWith("/api/v2/routing/queues?", StringComparison.Ordinal)
                ? $$"""{"entities": [{"id": "{{Sales}}", "name": "Sales"}, {"id": "{{Disputes}}", "name": "Billing - Disputes"}, {"id": "{{Billing}}", "name": "billing"}]}"""
                : null);
        using var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        ConversationMetrics.Validate(request);
        var rows = new List<object>();
        await ConversationMetrics.QueryAsync(api, new NameResolver(api), request, rows.Add, CancellationToken.None).Guarded();
        return rows;
    }

    [Fact]
    public async Task Rows_come_by_interval_then_by_group_name_in_the_GroupBy_order()
    {
        var first = new TimeWindow(Day, Day.AddHours(1));
        var second = new TimeWindow(Day.AddHours(1), Day.AddHours(2));
        var offered = """{"metric": "nOffered", "stats": {"count": 1}}""";
        var request = new MetricRequest
        {
            Window = new TimeWindow(Day, Day.AddHours(2)), Granularity = Granularity.Parse("PT1H"),
            GroupBy = { "queueId", "mediaType" }, Metrics = new List<string> { "nOffered" },
        };
        var rows = (await RowsAsync(request,
            Bucket(Sales, second, offered), Bucket(Sales, first, offered), Bucket(Disputes, first, offered), Bucket(Billing, second, offered),
            Bucket(Billing, first, offered))).Cast<ConversationMetricRow>().ToList();

        Assert.Equal(
            new[] { "00 billing", "00 Billing - Disputes", "00 Sales", "01 billing", "01 Sales" },
            rows.Select(r => $"{r.IntervalStart.UtcDateTime:HH} {r.Queue}"));
    }

    [Fact]
    public async Task A_requested_count_the_API_left_out_is_zero_where_the_group_had_data()
    {
        var request = new MetricRequest
        {
            Window = new TimeWindow(Day, Day.AddDays(1)), GroupBy = { "queueId" },
            Metrics = new List<string> { "nOffered", "tAbandon", "tHandle", "nTransferred", "oServiceLevel" },
        };
        var rows = await RowsAsync(request, Bucket(Sales, new TimeWindow(Day, Day.AddDays(1)), """{"metric": "nOffered", "stats": {"count": 4}}"""));

        var row = Assert.IsType<ConversationMetricRow>(Assert.Single(rows));
        Assert.Equal(4, row.Offered);
        Assert.Equal(0, row.Abandoned);
        Assert.Equal(0.0, row.AbandonRate);
        Assert.Equal(0, row.Handled);
        Assert.Equal(0, row.Transferred);
        Assert.Null(row.Answered);               // tAnswered was not asked for: unknown, not zero
        Assert.Null(row.AverageHandleTime);      // no handle time to average
        Assert.Null(row.ServiceLevelPercent);    // no answered conversation to measure
        var columns = MetricColumns.Of(row, request.Metrics).ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(0L, columns["tAbandonCount"]);
        Assert.Equal(0.0, columns["tAbandonSum"]);
        Assert.Null(columns["tAbandonAverage"]);
        Assert.Equal(0L, columns["nTransferredCount"]);
        Assert.Null(columns["oServiceLevelRatio"]);
    }

    [Fact]
    public async Task Long_rows_carry_the_zero_counts_too()
    {
        var request = new MetricRequest
        {
            Window = new TimeWindow(Day, Day.AddDays(1)), Metrics = new List<string> { "nOffered", "tAbandon", "oServiceLevel" }, Long = true,
        };
        var rows = await RowsAsync(request, Bucket(Sales, new TimeWindow(Day, Day.AddDays(1)), """{"metric": "nOffered", "stats": {"count": 4}}"""));

        var values = rows.Cast<ConversationMetricValue>().ToList();
        Assert.Equal(new[] { "nOffered", "tAbandon" }, values.Select(v => v.Metric));
        Assert.Equal(new long?[] { 4, 0 }, values.Select(v => v.Count));
    }

    [Fact]
    public async Task Percentages_ratios_and_averages_are_rounded_without_binary_noise()
    {
        var request = new MetricRequest
        {
            Window = new TimeWindow(Day, Day.AddDays(1)), Metrics = new List<string> { "nOffered", "tAbandon", "tHandle", "oServiceLevel" },
        };
        var rows = await RowsAsync(request, Bucket(Sales, new TimeWindow(Day, Day.AddDays(1)), """
            {"metric": "nOffered", "stats": {"count": 3}}, {"metric": "tAbandon", "stats": {"count": 1, "sum": 1000}},
            {"metric": "tHandle", "stats": {"count": 3, "sum": 1000, "min": 100, "max": 600}},
            {"metric": "oServiceLevel", "stats": {"ratio": 0.55, "numerator": 11, "denominator": 20}}
            """));

        var row = Assert.IsType<ConversationMetricRow>(Assert.Single(rows));
        Assert.Equal(55.0, row.ServiceLevelPercent);                        // 0.55 × 100 is 55.00000000000001 in binary
        Assert.Equal(33.33, row.AbandonRate);
        Assert.Equal(TimeSpan.FromMilliseconds(333), row.AverageHandleTime); // whole milliseconds
        var columns = MetricColumns.Of(row, request.Metrics).ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(333.0, columns["tHandleAverage"]);                       // milliseconds, like tHandleSum
        Assert.Equal(1000.0, columns["tHandleSum"]);
        Assert.Equal(0.55, columns["oServiceLevelRatio"]);
    }

    [Fact]
    public void Columns_run_interval_group_headline_then_raw_statistics_in_metric_order()
    {
        var row = new ConversationMetricRow();
        var names = MetricColumns.Of(row, new[] { "tHandle", "nOffered", "oServiceLevel" }).Select(c => c.Key).ToList();

        Assert.Equal(new[] { "IntervalStartLocal", "IntervalEndLocal", "TimeZone", "IntervalStart", "IntervalEnd", "Queue", "QueueId" }, names.Take(7));
        Assert.True(names.IndexOf("OtherGroup") < names.IndexOf("Offered"));
        Assert.Equal("ServiceLevelPercent", names[names.IndexOf("tHandleCount") - 1]);
        Assert.Equal(
            new[] { "tHandleCount", "tHandleSum", "tHandleMin", "tHandleMax", "tHandleAverage", "nOfferedCount", "oServiceLevelCount", "oServiceLevelRatio" },
            names.Skip(names.IndexOf("tHandleCount")));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData(typeof(ConversationMetricRow))]
    [InlineData(typeof(ConversationMetricValue))]
    public void Every_visible_property_of_a_row_has_its_place_among_the_columns(Type rowType)
    {
        var visible = rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(ConversationMetricRow.Metrics)).Select(p => p.Name);
        Assert.Equal(visible.OrderBy(n => n), MetricColumns.TypedNames(rowType).OrderBy(n => n));
    }
}
