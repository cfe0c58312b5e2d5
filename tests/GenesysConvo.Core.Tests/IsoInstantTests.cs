using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>-StartTime/-EndTime strings and interval instants: ISO-8601 only, so a date means the same day on every
/// machine.</summary>
public class IsoInstantTests
{
    private static DateTimeOffset Local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) =>
        new(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Local));

    private static DateTimeOffset At(int y, int mo, int d, int h, int mi, double offsetHours) =>
        new(y, mo, d, h, mi, 0, TimeSpan.FromHours(offsetHours));

    public static TheoryData<string, DateTimeOffset> LocalForms => new()
    {
        { "2026-01-05", Local(2026, 1, 5) },
        { "2026-01-05T08:00", Local(2026, 1, 5, 8) },
        { "2026-01-05 08:00", Local(2026, 1, 5, 8) },
        { "2026-01-05t08:00", Local(2026, 1, 5, 8) },
        { " 2026-01-05T08:00:30 ", Local(2026, 1, 5, 8, 0, 30) },
        { "2026-01-05T08:00:30.25", Local(2026, 1, 5, 8, 0, 30).AddMilliseconds(250) },
        { "2026-01-05T08:00:30,5", Local(2026, 1, 5, 8, 0, 30).AddMilliseconds(500) },
        { "2026-01-05T08:00:30.1234567", Local(2026, 1, 5, 8, 0, 30).AddTicks(1_234_567) },
        { "2026-01-05T08:00:30.123456789", Local(2026, 1, 5, 8, 0, 30).AddTicks(1_234_567) },
    };

    [Theory]
    [MemberData(nameof(LocalForms))]
    public void ParseLocal_reads_ISO_dates_and_times_without_offset_as_local_time(string text, DateTimeOffset expected)
    {
        Assert.Equal(expected, IsoInstant.ParseLocal(text));
    }

    public static TheoryData<string, DateTimeOffset> ZonedForms => new()
    {
        { "2026-01-05T08:00Z", At(2026, 1, 5, 8, 0, 0) },
        { "2026-01-05T08:00z", At(2026, 1, 5, 8, 0, 0) },
        { "2026-01-05 08:00:00.000Z", At(2026, 1, 5, 8, 0, 0) },
        { "2026-01-05T08:00+01:00", At(2026, 1, 5, 8, 0, 1) },
        { "2026-01-05T08:00-0530", At(2026, 1, 5, 8, 0, -5.5) },
        { "2026-01-05T08:00:00+02", At(2026, 1, 5, 8, 0, 2) },
    };

    [Theory]
    [MemberData(nameof(ZonedForms))]
    public void ParseLocal_keeps_Z_and_offsets(string text, DateTimeOffset expected)
    {
        var parsed = IsoInstant.ParseLocal(text);
        Assert.Equal(expected, parsed);
        Assert.Equal(expected.Offset, parsed.Offset);
    }

    [Theory]
    [InlineData("2026-01-05T08:00")]
    [InlineData("2026-01-05")]
    public void TryParse_reads_a_time_without_offset_as_UTC_when_asked(string text)
    {
        Assert.True(IsoInstant.TryParse(text, assumeUtc: true, out var parsed));
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("01/02/2026")]
    [InlineData("1/2/2026 08:00")]
    [InlineData("02.01.2026")]
    [InlineData("01-02-2026")]
    public void Culture_dates_are_refused_as_ambiguous_with_ISO_examples(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => IsoInstant.ParseLocal(text));
        Assert.StartsWith($"'{text}' is not an ISO-8601 date and time (a date written like that means different days", e.Message);
        Assert.Contains("2026-01-02T08:00 (local time)", e.Message);
        Assert.Contains("2026-01-02T08:00Z (UTC)", e.Message);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("Jan 2 2026")]
    [InlineData("2 January 2026")]
    [InlineData("2026/01/02")]
    [InlineData("2026-1-5")]
    [InlineData("2026-01-05T8:00")]
    [InlineData("2026-01-05T08")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026-01-05T24:00")]
    [InlineData("2026-01-05T08:00+15:00")]
    [InlineData("2026-01-05Z")]
    [InlineData("20260105T0800")]
    [InlineData("")]
    public void Other_text_is_refused_with_ISO_examples(string text)
    {
        Assert.False(IsoInstant.TryParse(text, assumeUtc: false, out _));
        var e = Assert.Throws<ArgumentException>(() => IsoInstant.ParseLocal(text));
        Assert.StartsWith($"'{text}' is not an ISO-8601 date and time.", e.Message);
        Assert.Contains("2026-01-02T08:00Z (UTC)", e.Message);
    }

    [Theory]
    [InlineData("01/02/2026 00:00/01/03/2026 00:00")]
    [InlineData("Jan 2 2026/Jan 3 2026")]
    [InlineData("02.01.2026/03.01.2026")]
    public void Intervals_take_ISO_instants_only(string interval)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeWindow.Parse(interval));
        Assert.Contains("is not an ISO-8601 interval", e.Message);
    }
}
