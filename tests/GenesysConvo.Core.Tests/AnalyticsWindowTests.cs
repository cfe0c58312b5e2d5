using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Windows from a year typed wrong (1900, 9999) are refused before anything is sent, whichever parameter
/// carried them.</summary>
public class AnalyticsWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 5, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0) => new(y, mo, d, h, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_start_before_2010_is_refused_naming_the_window_the_parameters_and_the_rule()
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(Utc(1900, 1, 1), Utc(2026, 1, 2), null, null, Now));
        Assert.Equal("The window 1900-01-01T00:00:00.000Z/2026-01-02T00:00:00.000Z (-StartTime/-EndTime) starts before 2010-01-01: "
                     + "analytics windows must start on or after 2010-01-01, as Genesys Cloud holds no older data. Check the year.",
            e.Message);
    }

    [Fact]
    public void An_end_more_than_a_day_after_now_is_refused_naming_the_window_now_and_the_latest_end()
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(Utc(2026, 11, 30), Utc(9999, 1, 1), null, null, Now));
        Assert.Equal("The window 2026-11-30T00:00:00.000Z/9999-01-01T00:00:00.000Z (-StartTime/-EndTime) ends more than one day "
                     + "after now (2026-12-01T05:30:00.000Z): analytics windows must end by 2026-12-02T05:30:00.000Z, "
                     + "as there is no data from later. Check the year.", e.Message);
    }

    [Theory]
    [InlineData("1999-01-01T00:00:00Z/2026-01-01T00:00:00Z", "starts before 2010-01-01")]
    [InlineData("2026-11-30T00:00:00Z/2026-12-03T00:00:00Z", "ends more than one day after now")]
    public void An_interval_is_held_to_the_same_bounds(string interval, string rule)
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(null, null, interval, null, Now));
        Assert.Contains($"(-Interval) {rule}", e.Message);
    }

    [Theory]
    [InlineData("1999-01-01T00:00:00Z/2026-01-01T00:00:00Z", "starts before 2010-01-01")]
    [InlineData("2026-11-30T00:00:00Z/9999-12-31T00:00:00Z", "ends more than one day after now")]
    public void A_query_body_interval_is_held_to_the_same_bounds(string interval, string rule)
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(null, null, null, TimeWindow.Parse(interval), Now));
        Assert.Contains($"(the -Query body's interval) {rule}", e.Message);
    }

    [Fact]
    public void An_end_time_before_2010_alone_is_refused_without_computing_a_default_start()
    {
        var e = Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(null, DateTimeOffset.MinValue, null, null, Now));
        Assert.StartsWith("-EndTime (0001-01-01T00:00:00.000Z) is before 2010-01-01: analytics windows must start on or after", e.Message);
    }

    public static TheoryData<DateTimeOffset?, DateTimeOffset?> Allowed => new()
    {
        { Utc(2010, 1, 1), Utc(2010, 1, 2) },
        { null, null },
        { Utc(2026, 11, 1), null },
        { Utc(2026, 11, 30), Now.AddDays(1) },
        { null, Now.AddHours(23) },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Windows_from_2010_to_a_day_after_now_pass(DateTimeOffset? start, DateTimeOffset? end)
    {
        var window = AnalyticsWindow.Resolve(start, end, null, null, Now);
        Assert.Equal(end ?? Now, window.End);
    }

    [Fact]
    public void Parameters_win_over_the_body_whose_interval_is_then_not_held_to_the_bounds()
    {
        var body = TimeWindow.Parse("1999-01-01T00:00:00Z/1999-01-02T00:00:00Z");
        Assert.Equal(new TimeWindow(Utc(2026, 11, 1), Now), AnalyticsWindow.Resolve(Utc(2026, 11, 1), null, null, body, Now));
        Assert.Throws<ArgumentException>(() => AnalyticsWindow.Resolve(null, null, null, body, Now));
    }
}
