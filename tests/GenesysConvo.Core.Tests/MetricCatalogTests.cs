using Xunit;

namespace GenesysConvo.Core.Tests;

public class MetricCatalogTests
{
    [Theory]
    [InlineData("queue", "queueId")]
    [InlineData("Queue", "queueId")]
    [InlineData("agent", "userId")]
    [InlineData("user", "userId")]
    [InlineData("media", "mediaType")]
    [InlineData("wrapup", "wrapUpCode")]
    [InlineData("WrapUpCode", "wrapUpCode")]
    [InlineData("division", "divisionId")]
    [InlineData("QUEUEID", "queueId")]
    [InlineData(" originatingDirection ", "originatingDirection")]
    [InlineData("direction", "direction")]
    public void Dimension_takes_aliases_and_any_case_and_returns_the_APIs_spelling(string name, string expected)
    {
        Assert.Equal(expected, MetricCatalog.Dimension(name));
    }

    [Theory]
    [InlineData("team")]
    [InlineData("queues")]
    [InlineData("conversationStart")]
    public void An_unknown_dimension_lists_the_real_ones(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Dimension(name));
        Assert.StartsWith($"'{name}' is not a dimension the aggregates API groups by. Use one of: activeRouting, ", e.Message);
        Assert.Contains("queueId", e.Message);
        Assert.Contains("wrapUpCode", e.Message);
    }

    [Theory]
    [InlineData("nOffered", "nOffered")]
    [InlineData("THANDLE", "tHandle")]
    [InlineData(" tTalk ", "tTalk")]
    [InlineData("oservicelevel", "oServiceLevel")]
    public void Metric_is_case_insensitive_and_returns_the_APIs_spelling(string name, string expected)
    {
        Assert.Equal(expected, MetricCatalog.Metric(name));
    }

    [Theory]
    [InlineData("AHT")]
    [InlineData("handleTime")]
    [InlineData("tConversationDuration")]
    public void An_unknown_metric_lists_the_real_ones(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => MetricCatalog.Metric(name));
        Assert.StartsWith($"'{name}' is not a metric of the aggregates API. Use one of: nBlindTransferred, ", e.Message);
        Assert.Contains("tHandle", e.Message);
    }

    [Fact]
    public void Default_metrics_are_all_known()
    {
        Assert.All(MetricCatalog.DefaultMetrics, m => Assert.Equal(m, MetricCatalog.Metric(m)));
    }

    [Theory]
    [InlineData("tHandle", true)]
    [InlineData("tAcd", true)]
    [InlineData("nOffered", false)]
    [InlineData("oServiceLevel", false)]
    public void Timers_are_the_t_metrics(string metric, bool timer)
    {
        Assert.Equal(timer, MetricCatalog.IsTimer(metric));
    }
}

public class TimeZonesTests
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("UTC")]
    [InlineData(" Europe/London ")]
    public void An_IANA_id_resolves_to_itself(string id)
    {
        var (zone, iana) = TimeZones.Resolve(id);
        Assert.Equal(id.Trim(), iana);
        Assert.Equal(id.Trim(), zone.Id);
    }

    [Fact]
    public void A_Windows_id_resolves_to_its_IANA_id()
    {
        var (zone, iana) = TimeZones.Resolve("Eastern Standard Time");
        Assert.Equal("America/New_York", iana);
        Assert.Equal(TimeSpan.FromHours(-4), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-5), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)));

        Assert.Equal("Europe/Berlin", TimeZones.Resolve("W. Europe Standard Time").IanaId);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT7")]
    [InlineData("Eastern")]
    public void An_unknown_zone_names_examples(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeZones.Resolve(id));
        Assert.StartsWith($"'{id}' is not a time zone this machine knows.", e.Message);
        Assert.Contains("Europe/London, America/New_York or UTC", e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_default_is_this_machines_zone(string? id)
    {
        var (zone, iana) = TimeZones.Resolve(id);
        Assert.Equal(TimeZoneInfo.Local, zone);
        Assert.False(string.IsNullOrWhiteSpace(iana));
        if (TimeZoneInfo.Local.HasIanaId) Assert.Equal(TimeZoneInfo.Local.Id, iana);
        else Assert.True(TimeZoneInfo.TryConvertIanaIdToWindowsId(iana, out _), $"{iana} is not an IANA id");
    }
}
