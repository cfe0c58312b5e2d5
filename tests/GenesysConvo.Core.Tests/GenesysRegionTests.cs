using Xunit;

namespace GenesysConvo.Core.Tests;

public class GenesysRegionTests
{
    // The region table of docs/genesys-api.md §1.1 (SDK enum, CLI name, domain), kept independent of the code.
    public static TheoryData<string, string, string> Table => new()
    {
        { "us_east_1", "us-east-1", "mypurecloud.com" },
        { "eu_west_1", "eu-west-1", "mypurecloud.ie" },
        { "eu_central_1", "eu-central-1", "mypurecloud.de" },
        { "ap_northeast_1", "ap-northeast-1", "mypurecloud.jp" },
        { "ap_southeast_2", "ap-southeast-2", "mypurecloud.com.au" },
        { "us_west_2", "us-west-2", "usw2.pure.cloud" },
        { "ca_central_1", "ca-central-1", "cac1.pure.cloud" },
        { "ap_northeast_2", "ap-northeast-2", "apne2.pure.cloud" },
        { "eu_west_2", "eu-west-2", "euw2.pure.cloud" },
        { "ap_south_1", "ap-south-1", "aps1.pure.cloud" },
        { "us_east_2", "us-east-2", "use2.us-gov-pure.cloud" },
        { "sa_east_1", "sa-east-1", "sae1.pure.cloud" },
        { "me_central_1", "me-central-1", "mec1.pure.cloud" },
        { "ap_northeast_3", "ap-northeast-3", "apne3.pure.cloud" },
        { "eu_central_2", "eu-central-2", "euc2.pure.cloud" },
        { "mx_central_1", "mx-central-1", "mxc1.pure.cloud" },
        { "ap_southeast_1", "ap-southeast-1", "apse1.pure.cloud" },
        { "eusc_de_east_1", "eusc-de-east-1", "edee1.eusc-pure.cloud" },
    };

    [Fact]
    public void The_table_has_exactly_the_eighteen_documented_regions()
    {
        var expected = Table.Select(row => (string)row[2]).OrderBy(d => d).ToArray();
        Assert.Equal(expected, GenesysRegion.All.Select(r => r.Domain).OrderBy(d => d).ToArray());
        Assert.Equal(GenesysRegion.All.Count, GenesysRegion.All.Select(r => r.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_region_resolves_by_name_sdk_name_domain_and_hosts(string sdkName, string name, string domain)
    {
        foreach (var spelling in new[]
                 {
                     name, sdkName, name.ToUpperInvariant(), domain, "api." + domain, "login." + domain,
                     "https://api." + domain, "https://login." + domain + "/oauth/token", "  " + domain + "  ",
                 })
        {
            Assert.True(GenesysRegion.TryResolve(spelling, out var region), spelling);
            Assert.Equal(domain, region.Domain);
            Assert.Equal(name, region.Name);
            Assert.Equal(sdkName, region.SdkName);
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_region_has_api_and_login_hosts_on_its_domain(string sdkName, string name, string domain)
    {
        var region = GenesysRegion.Resolve(sdkName);
        Assert.Equal(new Uri("https://api." + domain + "/"), region.ApiBaseUri);
        Assert.Equal(new Uri("https://login." + domain + "/"), region.LoginBaseUri);
        Assert.Equal($"{name} ({domain})", region.ToString());
    }

    [Fact]
    public void Default_is_us_east_1()
    {
        Assert.Equal("mypurecloud.com", GenesysRegion.Default.Domain);
    }

    [Theory]
    [InlineData("us-east-1", "mypurecloud.com")]
    [InlineData("us_east_1", "mypurecloud.com")]
    [InlineData("us-east_1", "mypurecloud.com")]
    [InlineData("mypurecloud.ie", "mypurecloud.ie")]
    [InlineData("https://api.usw2.pure.cloud/", "usw2.pure.cloud")]
    [InlineData("login.mypurecloud.de", "mypurecloud.de")]
    [InlineData("EU-WEST-2", "euw2.pure.cloud")]
    [InlineData("mypurecloud.com.au", "mypurecloud.com.au")]
    public void Resolves_names_domains_and_hosts(string value, string domain)
    {
        Assert.Equal(domain, GenesysRegion.Resolve(value).Domain);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("us-east-9")]
    [InlineData("mypurecloud")]
    [InlineData("api.example.com")]
    [InlineData("api.us-east-1.mypurecloud.com")]
    [InlineData("purecloud.com")]
    public void Unknown_values_do_not_resolve(string value)
    {
        Assert.False(GenesysRegion.TryResolve(value, out var region));
        Assert.Same(GenesysRegion.Default, region);
        Assert.Throws<ArgumentException>(() => GenesysRegion.Resolve(value));
    }

    [Fact]
    public void Null_does_not_resolve()
    {
        Assert.False(GenesysRegion.TryResolve(null, out _));
        Assert.Throws<ArgumentException>(() => GenesysRegion.Resolve(null));
    }

    [Fact]
    public void Unknown_region_error_lists_every_valid_region()
    {
        var error = Assert.Throws<ArgumentException>(() => GenesysRegion.Resolve("us-east-9"));
        foreach (var region in GenesysRegion.All) Assert.Contains(region.Name, error.Message);
        Assert.Contains("'us-east-9'", error.Message);
        Assert.Contains("-ApiBaseUri", error.Message);
    }

    [Fact]
    public void A_url_with_its_default_port_resolves()
    {
        Assert.Equal("mypurecloud.com", GenesysRegion.Resolve("https://api.mypurecloud.com:443/").Domain);
    }
}
