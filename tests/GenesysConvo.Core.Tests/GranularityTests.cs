using Xunit;

namespace GenesysConvo.Core.Tests;

public class GranularityTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    /// <summary>Midnight of a New York calendar day, as a UTC instant.</summary>
    private static DateTimeOffset NewYorkMidnight(int y, int mo, int d)
    {
        var local = new DateTime(y, mo, d, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, NewYork.GetUtcOffset(local)).ToUniversalTime();
    }

    // ---- Parse ----

    [Theory]
    [InlineData("PT15M", "PT15M", 0, 0, 15 * 60)]
    [InlineData("PT30M", "PT30M", 0, 0, 30 * 60)]
    [InlineData("PT1H", "PT1H", 0, 0, 3600)]
    [InlineData("pt1h", "PT1H", 0, 0, 3600)]
    [InlineData("P1D", "P1D", 0, 1, 0)]
    [InlineData("P7D", "P7D", 0, 7, 0)]
    [InlineData("P1W", "P1W", 0, 7, 0)]
    [InlineData("P1M", "P1M", 1, 0, 0)]
    [InlineData("P1Y", "P1Y", 12, 0, 0)]
    [InlineData("P1DT12H", "P1DT12H", 0, 1, 12 * 3600)]
    [InlineData(" PT1H30M ", "PT1H30M", 0, 0, 5400)]
    public void Parse_reads_ISO_8601_durations(string text, string iso, int months, int days, int seconds)
    {
        var granularity = Granularity.Parse(text);
        Assert.Equal(iso, granularity.Iso);
        Assert.Equal(iso, granularity.ToString());
        Assert.Equal(months, granularity.Months);
        Assert.Equal(days, granularity.Days);
        Assert.Equal(TimeSpan.FromSeconds(seconds), granularity.Time);
        Assert.Equal(months > 0 || days > 0, granularity.IsCalendar);
    }

    [Fact]
    public void Parse_takes_a_TimeSpan_as_fixed_time_and_whole_days_as_calendar_days()
    {
        var ninety = Granularity.Parse(TimeSpan.FromMinutes(90));
        Assert.Equal("PT1H30M", ninety.Iso);
        Assert.False(ninety.IsCalendar);
        Assert.Equal(TimeSpan.FromMinutes(90), ninety.Time);

        var twoDays = Granularity.Parse(TimeSpan.FromDays(2));
        Assert.Equal("P2D", twoDays.Iso);
        Assert.True(twoDays.IsCalendar);
        Assert.Equal(2, twoDays.Days);
        Assert.Equal(TimeSpan.Zero, twoDays.Time);
    }

    [Fact]
    public void Parse_takes_TimeSpan_text()
    {
        Assert.Equal("PT1H", Granularity.Parse("01:00:00").Iso);
        Assert.Equal("PT15M", Granularity.Parse("00:15:00").Iso);
        Assert.Equal("P1D", Granularity.Parse("1.00:00:00").Iso);
    }

    [Theory]
    [InlineData(1500)]
    [InlineData(0)]
    [InlineData(-60_000)]
    public void A_TimeSpan_must_be_a_positive_number_of_whole_seconds(int milliseconds)
    {
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse(TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Contains("positive number of whole seconds", e.Message);
    }

    [Theory]
    [InlineData("P1M1D")]
    [InlineData("P1MT1H")]
    [InlineData("P1Y2W")]
    public void Months_cannot_mix_with_days_or_hours(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse(text));
        Assert.Contains($"Granularity '{text}' mixes months with days or hours", e.Message);
        Assert.Contains("P1M", e.Message);
        Assert.Contains("P1DT12H", e.Message);
    }

    [Theory]
    [InlineData("PT0M")]
    [InlineData("P0D")]
    public void A_zero_duration_is_refused(string text)
    {
        Assert.Contains("is zero", Assert.Throws<ArgumentException>(() => Granularity.Parse(text)).Message);
    }

    [Theory]
    [InlineData("hourly")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("15 minutes")]
    [InlineData("PT1.5H")]
    [InlineData("")]
    public void Garbage_is_refused_with_examples(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse(text));
        Assert.Contains($"'{text}' is not a granularity", e.Message);
        Assert.Contains("PT15M, PT30M, PT1H, P1D, P7D or P1M", e.Message);
    }

    // ---- Boundaries: fixed buckets ----

    [Fact]
    public void Fixed_buckets_are_equal_in_UTC_even_across_a_DST_change()
    {
        // New York springs forward at 2026-03-08 07:00 UTC; hours stay hours.
        var window = new TimeWindow(Utc(2026, 3, 8, 5), Utc(2026, 3, 8, 9));
        var boundaries = Granularity.Parse("PT1H").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 3, 8, 5), Utc(2026, 3, 8, 6), Utc(2026, 3, 8, 7), Utc(2026, 3, 8, 8), Utc(2026, 3, 8, 9) }, boundaries);
    }

    [Fact]
    public void Fixed_buckets_need_not_start_at_midnight()
    {
        var window = new TimeWindow(Utc(2026, 1, 1, 10, 15), Utc(2026, 1, 1, 11, 15));
        Assert.Equal(5, Granularity.Parse("PT15M").Boundaries(window, NewYork).Count);
    }

    [Fact]
    public void Fixed_buckets_that_do_not_divide_the_window_say_where_to_end_it()
    {
        var window = new TimeWindow(Utc(2026, 3, 8), Utc(2026, 3, 8, 2, 30));
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse("PT1H").Boundaries(window, TimeZoneInfo.Utc));
        Assert.Contains("Granularity PT1H does not divide the window 2026-03-08T00:00:00.000Z/2026-03-08T02:30:00.000Z evenly", e.Message);
        Assert.Contains("end it at 2026-03-08 03:00:00Z or at 2026-03-08 02:00:00Z", e.Message);
    }

    // ---- Boundaries: calendar buckets ----

    [Fact]
    public void Days_in_New_York_follow_the_wall_clock_through_the_25_hour_day()
    {
        // 2026-11-01: clocks go back at 02:00 EDT, so that day has 25 hours.
        var window = new TimeWindow(NewYorkMidnight(2026, 10, 31), NewYorkMidnight(2026, 11, 3));
        var boundaries = Granularity.Parse("P1D").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 10, 31, 4), Utc(2026, 11, 1, 4), Utc(2026, 11, 2, 5), Utc(2026, 11, 3, 5) }, boundaries);
        Assert.Equal(TimeSpan.FromHours(25), boundaries[2] - boundaries[1]);
    }

    [Fact]
    public void Days_in_New_York_follow_the_wall_clock_through_the_23_hour_day()
    {
        // 2026-03-08: clocks go forward at 02:00 EST, so that day has 23 hours.
        var window = new TimeWindow(NewYorkMidnight(2026, 3, 7), NewYorkMidnight(2026, 3, 10));
        var boundaries = Granularity.Parse("P1D").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 3, 7, 5), Utc(2026, 3, 8, 5), Utc(2026, 3, 9, 4), Utc(2026, 3, 10, 4) }, boundaries);
        Assert.Equal(TimeSpan.FromHours(23), boundaries[2] - boundaries[1]);
        Assert.All(boundaries, b => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(b, NewYork).TimeOfDay));
    }

    [Fact]
    public void Weeks_are_seven_local_days()
    {
        var window = new TimeWindow(NewYorkMidnight(2026, 3, 2), NewYorkMidnight(2026, 3, 16));
        var boundaries = Granularity.Parse("P1W").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 3, 2, 5), Utc(2026, 3, 9, 4), Utc(2026, 3, 16, 4) }, boundaries);
        Assert.Equal(TimeSpan.FromHours(7 * 24 - 1), boundaries[1] - boundaries[0]);
    }

    [Fact]
    public void Months_are_calendar_months_from_the_first()
    {
        var window = new TimeWindow(NewYorkMidnight(2026, 1, 1), NewYorkMidnight(2026, 4, 1));
        var boundaries = Granularity.Parse("P1M").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 1, 1, 5), Utc(2026, 2, 1, 5), Utc(2026, 3, 1, 5), Utc(2026, 4, 1, 4) }, boundaries);
    }

    [Fact]
    public void Days_and_hours_step_from_local_midnight()
    {
        var window = new TimeWindow(NewYorkMidnight(2026, 1, 1), NewYorkMidnight(2026, 1, 4));
        var boundaries = Granularity.Parse("P1DT12H").Boundaries(window, NewYork);
        Assert.Equal(new[] { Utc(2026, 1, 1, 5), Utc(2026, 1, 2, 17), Utc(2026, 1, 4, 5) }, boundaries);
    }

    [Fact]
    public void Days_in_UTC_are_24_hours_from_UTC_midnight()
    {
        var window = new TimeWindow(Utc(2026, 3, 7), Utc(2026, 3, 10));
        Assert.Equal(new[] { Utc(2026, 3, 7), Utc(2026, 3, 8), Utc(2026, 3, 9), Utc(2026, 3, 10) }, Granularity.Parse("P1D").Boundaries(window, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_calendar_bucket_needs_a_window_from_local_midnight()
    {
        // UTC midnight is 19:00 the evening before in New York.
        var window = new TimeWindow(Utc(2026, 3, 7), Utc(2026, 3, 10));
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse("P1D").Boundaries(window, NewYork));
        Assert.Contains("counts days of the time zone America/New_York", e.Message);
        Assert.Contains("must start at midnight there (it starts at 2026-03-06 19:00)", e.Message);
        Assert.Contains("or a granularity in hours", e.Message);
    }

    [Fact]
    public void A_month_bucket_needs_a_window_from_the_first_of_a_month()
    {
        var window = new TimeWindow(NewYorkMidnight(2026, 1, 2), NewYorkMidnight(2026, 3, 2));
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse("P1M").Boundaries(window, NewYork));
        Assert.Contains("counts months", e.Message);
        Assert.Contains("must start at the first of a month", e.Message);
    }

    [Fact]
    public void Calendar_buckets_that_do_not_divide_the_window_say_where_to_end_it()
    {
        var window = new TimeWindow(NewYorkMidnight(2026, 3, 7), NewYorkMidnight(2026, 3, 9).AddHours(6));
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse("P1D").Boundaries(window, NewYork));
        Assert.Contains("does not divide the window", e.Message);
        Assert.Contains("in America/New_York", e.Message);
        Assert.Contains("end it at 2026-03-10 04:00:00Z or at 2026-03-09 04:00:00Z", e.Message);
    }

    [Fact]
    public void More_than_100000_buckets_asks_for_a_coarser_granularity()
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 1).AddMinutes(100_001));
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse("PT1M").Boundaries(window, TimeZoneInfo.Utc));
        Assert.Contains("more than 100,000 buckets", e.Message);
        Assert.Contains("coarser", e.Message);
    }

    [Fact]
    public void Exactly_100000_buckets_are_allowed()
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 1).AddMinutes(100_000));
        var boundaries = Granularity.Parse("PT1M").Boundaries(window, TimeZoneInfo.Utc);
        Assert.Equal(100_001, boundaries.Count);
        Assert.Equal(window.End, boundaries[^1]);
    }
}
