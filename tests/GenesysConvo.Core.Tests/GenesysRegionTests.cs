using GenesysConvo.Core.Session;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class GenesysRegionTests
{
    [Theory]
    [InlineData("us-east-1", "mypurecloud.com")]
    [InlineData("us_east_1", "mypurecloud.com")]
    [InlineData("mypurecloud.ie", "mypurecloud.ie")]
    [InlineData("https://api.usw2.pure.cloud/", "usw2.pure.cloud")]
    [InlineData("login.mypurecloud.de", "mypurecloud.de")]
    [InlineData("EU-WEST-2", "euw2.pure.cloud")]
    public void Resolves_names_domains_and_hosts(string value, string domain)
    {
        Assert.Equal(domain, GenesysRegion.Resolve(value).Domain);
    }

    [Fact]
    public void Unknown_region_error_lists_every_valid_region()
    {
        var error = Assert.Throws<ArgumentException>(() => GenesysRegion.Resolve("us-east-9"));
        foreach (var region in GenesysRegion.All) Assert.Contains(region.Name, error.Message);
        Assert.Contains("-ApiBaseUri", error.Message);
    }
}
