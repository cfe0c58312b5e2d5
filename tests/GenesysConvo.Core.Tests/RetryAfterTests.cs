using System.Globalization;
using System.Net;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    [InlineData(" 7 ", 7)]
    [InlineData("120", 120)]
    [InlineData("1.5", 1.5)]
    public void Delta_seconds(string value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void Delta_seconds_ignore_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(TimeSpan.FromSeconds(1.5), RetryAfter.Parse("1.5", Now));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Http_date_in_the_future_is_the_time_until_then()
    {
        var value = Now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void Http_date_in_the_past_means_no_wait()
    {
        var value = Now.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(value, Now));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("   ")]
    public void Garbage_and_negative_values_are_ignored(string value)
    {
        Assert.Null(RetryAfter.Parse(value, Now));
    }

    [Fact]
    public void Null_is_ignored()
    {
        Assert.Null(RetryAfter.Parse(null, Now));
    }

    [Fact]
    public void An_absurdly_large_value_does_not_overflow_and_stays_huge()
    {
        var wait = RetryAfter.Parse("1e300", Now);
        Assert.NotNull(wait);
        Assert.True(wait > TimeSpan.FromDays(365 * 1000));
    }

    [Fact]
    public void Read_takes_the_header_of_a_response()
    {
        using var withHeader = new HttpResponseMessage((HttpStatusCode)429);
        Responses.RetryAfter(4)(withHeader);
        Assert.Equal(TimeSpan.FromSeconds(4), RetryAfter.Read(withHeader, Now));

        using var withDate = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Responses.RetryAfter(Now.AddSeconds(90))(withDate);
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.Read(withDate, Now));

        using var without = new HttpResponseMessage((HttpStatusCode)429);
        Assert.Null(RetryAfter.Read(without, Now));
    }
}
