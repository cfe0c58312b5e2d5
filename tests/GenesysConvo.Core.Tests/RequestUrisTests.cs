using System.Collections.Specialized;
using System.Globalization;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class RequestUrisTests
{
    private static readonly Uri Api = new("https://api.mypurecloud.com");

    private static OrderedDictionary Query(params (string Key, object? Value)[] entries)
    {
        var query = new OrderedDictionary();
        foreach (var (key, value) in entries) query.Add(key, value);
        return query;
    }

    [Theory]
    [InlineData("/api/v2/users", "/api/v2/users")]
    [InlineData("api/v2/users", "/api/v2/users")]
    [InlineData("  /api/v2/users  ", "/api/v2/users")]
    [InlineData("/api/v2/users?pageSize=25", "/api/v2/users?pageSize=25")]
    public void Relative_paths_get_a_leading_slash(string path, string expected)
    {
        Assert.Equal(expected, RequestUris.Build(path, null, Api));
        Assert.Equal(expected, RequestUris.Build(path, new OrderedDictionary(), Api));
    }

    [Fact]
    public void Query_values_are_appended_in_order_and_escaped()
    {
        var path = RequestUris.Build("/api/v2/users", Query(("pageSize", 100), ("name", "a b&c=d/é"), ("sort by", "name")), Api);
        Assert.Equal("/api/v2/users?pageSize=100&name=a%20b%26c%3Dd%2F%C3%A9&sort%20by=name", path);
    }

    [Fact]
    public void Arrays_become_repeated_keys()
    {
        var path = RequestUris.Build("/api/v2/users", Query(("id", new[] { "a", "b", "c" }), ("expand", new List<object> { "presence" })), Api);
        Assert.Equal("/api/v2/users?id=a&id=b&id=c&expand=presence", path);
    }

    [Fact]
    public void A_query_is_added_to_one_already_in_the_path()
    {
        Assert.Equal("/api/v2/users?pageSize=25&pageNumber=2", RequestUris.Build("/api/v2/users?pageSize=25", Query(("pageNumber", 2)), Api));
    }

    [Fact]
    public void Dates_are_sent_as_utc_iso_8601_with_milliseconds()
    {
        var utc = new DateTime(2024, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2024, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2));
        var local = utc.ToLocalTime();
        var path = RequestUris.Build("/x", Query(("a", utc), ("b", offset), ("c", local)), Api);
        const string iso = "2024-01-02T03%3A04%3A05.678Z";
        Assert.Equal($"/x?a={iso}&b={iso}&c={iso}", path);
    }

    [Fact]
    public void Booleans_numbers_and_null_use_invariant_api_spellings()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var path = RequestUris.Build("/x", Query(("t", true), ("f", false), ("d", 1.5), ("n", null)), Api);
            Assert.Equal("/x?t=true&f=false&d=1.5&n=", path);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("https://api.mypurecloud.com/api/v2/users?pageSize=2", "/api/v2/users?pageSize=2")]
    [InlineData("https://API.MyPureCloud.com/api/v2/users", "/api/v2/users")]
    public void A_full_url_on_the_session_host_becomes_its_path(string url, string expected)
    {
        Assert.Equal(expected, RequestUris.Build(url, null, Api));
    }

    [Fact]
    public void A_full_url_keeps_its_query_and_gets_more()
    {
        Assert.Equal("/api/v2/users?pageSize=2&pageNumber=3",
            RequestUris.Build("https://api.mypurecloud.com/api/v2/users?pageSize=2", Query(("pageNumber", 3)), Api));
    }

    [Theory]
    [InlineData("https://evil.example.com/api/v2/users", "https://evil.example.com")]
    [InlineData("https://api.mypurecloud.ie/api/v2/users", "https://api.mypurecloud.ie")]
    [InlineData("https://api.mypurecloud.com.evil.example/api/v2/users", "https://api.mypurecloud.com.evil.example")]
    public void A_full_url_on_another_host_is_rejected_naming_the_fix(string url, string host)
    {
        var error = Assert.Throws<ArgumentException>(() => RequestUris.Build(url, null, Api));
        Assert.Contains(host, error.Message);
        Assert.Contains("https://api.mypurecloud.com", error.Message);
        Assert.Contains("Pass a path such as /api/v2/users", error.Message);
    }

    [Fact]
    public void Another_port_on_the_same_host_is_another_host()
    {
        var emulator = new Uri("http://127.0.0.1:8080");
        Assert.Equal("/api/v2/users", RequestUris.Build("http://127.0.0.1:8080/api/v2/users", null, emulator));
        Assert.Throws<ArgumentException>(() => RequestUris.Build("http://127.0.0.1:9090/api/v2/users", null, emulator));
    }
}
