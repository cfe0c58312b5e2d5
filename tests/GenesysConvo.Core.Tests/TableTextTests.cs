using Xunit;

namespace GenesysConvo.Core.Tests;

public class TableTextTests
{
    [Theory]
    [InlineData("Billing", 20, "Billing")]
    [InlineData("Customer Care - Gold", 20, "Customer Care - Gold")]
    [InlineData("Customer Care - General", 20, "Customer…- General")]
    [InlineData("Technical Support - Escalations", 20, "Technical…scalations")]
    [InlineData("abcdef", 2, "ab")]
    public void Shorten_keeps_names_that_fit_and_cuts_longer_ones_in_the_middle(string text, int width, string expected)
    {
        Assert.Equal(expected, TableText.Shorten(text, width));
    }

    [Theory]
    [InlineData("Customer Care - General", "Customer Care - Gold")]
    [InlineData("Technical Support - Escalations", "Technical Support - Internet")]
    [InlineData("EMEA Customer Care - General - Voice", "EMEA Customer Care - General - Chat")]
    [InlineData("Sales - Enterprise Accounts", "Support - Enterprise Accounts")]
    public void Names_that_share_a_start_or_an_end_stay_apart(string one, string other)
    {
        foreach (var width in new[] { 14, 16, 18, 20, 22 })
        {
            Assert.NotEqual(TableText.Shorten(one, width), TableText.Shorten(other, width));
            Assert.True(TableText.Shorten(one, width)!.Length <= width);
        }
    }

    [Fact]
    public void Nothing_stays_nothing()
    {
        Assert.Null(TableText.Shorten(null, 10));
    }
}
