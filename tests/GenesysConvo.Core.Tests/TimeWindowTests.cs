using Xunit;

namespace GenesysConvo.Core.Tests;

public class TimeWindowTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void Parse_reads_Z_instants_as_UTC()
    {
        var window = TimeWindow.Parse("2026-01-05T00:00:00Z/2026-01-06T00:00:00Z");
        Assert.Equal(Utc(2026, 1, 5), window.Start);
        Assert.Equal(Utc(2026, 1, 6), window.End);
        Assert.Equal(TimeSpan.FromDays(1), window.Length);
    }

    [Fact]
    public void Parse_converts_offsets_to_UTC()
    {
        var window = TimeWindow.Parse("2026-01-05T00:00:00+02:00/2026-01-05T12:00:00-05:00");
        Assert.Equal(Utc(2026, 1, 4, 22), window.Start);
        Assert.Equal(Utc(2026, 1, 5, 17), window.End);
        Assert.Equal(TimeSpan.Zero, window.Start.Offset);
        Assert.Equal(TimeSpan.Zero, window.End.Offset);
    }

    [Fact]
    public void Parse_reads_instants_without_offset_as_UTC_not_local()
    {
        var window = TimeWindow.Parse("2026-07-05T08:30:00/2026-07-05T09:00:00.500");
        Assert.Equal(Utc(2026, 7, 5, 8, 30), window.Start);
        Assert.Equal(Utc(2026, 7, 5, 9).AddMilliseconds(500), window.End);
    }

    [Fact]
    public void Parse_trims_spaces_around_each_instant()
    {
        Assert.Equal(new TimeWindow(Utc(2026, 1, 5), Utc(2026, 1, 6)), TimeWindow.Parse(" 2026-01-05T00:00:00.000Z / 2026-01-06T00:00:00.000Z "));
    }

    [Theory]
    [InlineData("2026-01-06T00:00:00Z/2026-01-05T00:00:00Z")]
    [InlineData("2026-01-05T00:00:00Z/2026-01-05T00:00:00Z")]
    public void Parse_rejects_a_reversed_or_empty_interval_saying_to_swap(string interval)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeWindow.Parse(interval));
        Assert.Contains("must be after the start", e.Message);
        Assert.Contains("Swap -StartTime and -EndTime", e.Message);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-01-05T00:00:00Z")]
    [InlineData("2026-01-05T00:00:00Z/")]
    [InlineData("2026-01-05T00:00:00Z/P1D")]
    [InlineData("a/b")]
    [InlineData("2026-01-05/2026-01-06/2026-01-07")]
    [InlineData("")]
    public void Parse_rejects_garbage_showing_the_form(string interval)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeWindow.Parse(interval));
        Assert.Contains($"'{interval}' is not an ISO-8601 interval", e.Message);
        Assert.Contains("start/end", e.Message);
        Assert.Contains("2026-01-05T00:00:00Z/2026-01-06T00:00:00Z", e.Message);
    }

    [Fact]
    public void Parse_of_null_is_an_argument_error_not_a_null_reference()
    {
        Assert.Throws<ArgumentException>(() => TimeWindow.Parse(null!));
    }

    [Fact]
    public void Constructor_rejects_end_before_start_and_stores_UTC()
    {
        Assert.Throws<ArgumentException>(() => new TimeWindow(Utc(2026, 1, 2), Utc(2026, 1, 1)));
        var window = new TimeWindow(new DateTimeOffset(2026, 1, 1, 3, 0, 0, TimeSpan.FromHours(3)), new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, window.Start.Offset);
        Assert.Equal(Utc(2026, 1, 1), window.Start);
    }

    public static TheoryData<int, int> SplitCases => new()
    {
        { 19 * 24, 7 * 24 },   // 7 + 7 + 5 days
        { 14 * 24, 7 * 24 },   // exact: 2 pieces
        { 5, 7 * 24 },         // shorter than the maximum: 1 piece
        { 31 * 24, 24 },
        { 100, 7 },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Split_covers_the_window_exactly_with_pieces_no_longer_than_the_maximum(int hours, int maximumHours)
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 1).AddHours(hours));
        var maximum = TimeSpan.FromHours(maximumHours);
        var pieces = window.Split(maximum).ToList();

        Assert.Equal((int)Math.Ceiling((double)hours / maximumHours), pieces.Count);
        Assert.Equal(window.Start, pieces[0].Start);
        Assert.Equal(window.End, pieces[^1].End);
        for (var i = 1; i < pieces.Count; i++) Assert.Equal(pieces[i - 1].End, pieces[i].Start);
        Assert.All(pieces, p => Assert.True(p.Length <= maximum, $"{p} is longer than {maximum}"));
        Assert.All(pieces.Take(pieces.Count - 1), p => Assert.Equal(maximum, p.Length));
        Assert.Equal(window.Length, TimeSpan.FromTicks(pieces.Sum(p => p.Length.Ticks)));
    }

    [Fact]
    public void Halve_gives_two_adjacent_halves_of_the_window()
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 2));
        var (first, second) = window.Halve();
        Assert.Equal(new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 1, 12)), first);
        Assert.Equal(new TimeWindow(Utc(2026, 1, 1, 12), Utc(2026, 1, 2)), second);
    }

    [Fact]
    public void Halve_of_an_odd_length_still_meets_in_the_middle()
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 1).AddTicks(3));
        var (first, second) = window.Halve();
        Assert.Equal(window.Start, first.Start);
        Assert.Equal(first.End, second.Start);
        Assert.Equal(window.End, second.End);
        Assert.Equal(1, first.Length.Ticks);
        Assert.Equal(2, second.Length.Ticks);
    }

    [Fact]
    public void Contains_is_half_open()
    {
        var window = new TimeWindow(Utc(2026, 1, 1), Utc(2026, 1, 2));
        Assert.True(window.Contains(window.Start));
        Assert.True(window.Contains(window.End.AddTicks(-1)));
        Assert.False(window.Contains(window.End));
        Assert.False(window.Contains(window.Start.AddTicks(-1)));
        // The same instant written with an offset is the same instant.
        Assert.True(window.Contains(new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.FromHours(2))));
        Assert.False(window.Contains(new DateTimeOffset(2026, 1, 1, 23, 0, 0, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void ToInterval_writes_UTC_with_milliseconds_and_Z()
    {
        var window = new TimeWindow(new DateTimeOffset(2026, 1, 5, 14, 34, 56, 789, TimeSpan.FromHours(2)), Utc(2026, 1, 6));
        Assert.Equal("2026-01-05T12:34:56.789Z/2026-01-06T00:00:00.000Z", window.ToInterval());
        Assert.Equal(window.ToInterval(), window.ToString());
    }

    [Fact]
    public void ToInterval_round_trips_through_Parse()
    {
        var window = new TimeWindow(Utc(2026, 3, 8, 7, 0, 1).AddMilliseconds(5), Utc(2026, 3, 9));
        Assert.Equal(window, TimeWindow.Parse(window.ToInterval()));
    }

    [Fact]
    public void Format_is_culture_independent()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
            Assert.Equal("2026-01-05T00:00:00.000Z", TimeWindow.Format(Utc(2026, 1, 5)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
