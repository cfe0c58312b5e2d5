using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The path Invoke-GenesysCloudRequest sends is the path the server reads, and it stays under /api/v2/: the
/// session's token goes with it.</summary>
public class RawRequestTests
{
    [Theory]
    [InlineData("/api/v2/users", "/api/v2/users")]
    [InlineData("/api/v2/users/", "/api/v2/users/")]
    [InlineData("/api/v2//users", "/api/v2/users")]
    [InlineData("//api///v2//users//me", "/api/v2/users/me")]
    [InlineData("/api/v2/./users/./me", "/api/v2/users/me")]
    [InlineData("/api/v2/routing/../users", "/api/v2/users")]
    [InlineData("/api/v2/routing/queues/..", "/api/v2/routing/")]
    [InlineData("/api/v2/users/.", "/api/v2/users/")]
    [InlineData("/api/v2/routing/%2E%2e/users", "/api/v2/users")]
    [InlineData("/api/v2/routing/.%2e/users", "/api/v2/users")]
    [InlineData(@"/api/v2\routing\queues", "/api/v2/routing/queues")]
    [InlineData("/api/v2/users?pageSize=25&x=../..//a", "/api/v2/users?pageSize=25&x=../..//a")]
    [InlineData("/api/v2/routing/../users?id=a#top", "/api/v2/users?id=a#top")]
    [InlineData("/api/v2/flows/datatables/t/rows/a%2Fb", "/api/v2/flows/datatables/t/rows/a%2Fb")]
    [InlineData("/api/v2/users/...", "/api/v2/users/...")]
    public void Paths_are_normalised_as_the_server_reads_them(string path, string expected)
    {
        Assert.Equal(expected, RawRequest.NormalizePath(path));
    }

    [Theory]
    [InlineData("/api/v2/../../x", "/x")]
    [InlineData("/api/v2/..", "/api/")]
    [InlineData("/api/v2/users/../../../oauth/token", "/oauth/token")]
    [InlineData("/api/v2/%2e%2e/%2e%2e/login", "/login")]
    [InlineData(@"/api/v2\..\..\x", "/x")]
    [InlineData("/api/v2/../../../../../etc/passwd", "/etc/passwd")]
    [InlineData("/api/v2//..//v1/x", "/api/v1/x")]
    public void A_path_that_leaves_the_API_is_refused_saying_where_it_resolves(string path, string resolved)
    {
        var e = Assert.Throws<ArgumentException>(() => RawRequest.NormalizePath(path));
        Assert.Equal($"'{path}' resolves to '{resolved}', outside the API: the session's token is only sent to paths under /api/v2/, "
                     + "such as /api/v2/users.", e.Message);
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/api/v2")]
    [InlineData("/API/V2/users")]
    [InlineData("/")]
    [InlineData("/__emulator/requests")]
    public void A_path_outside_the_API_is_refused(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => RawRequest.NormalizePath(path));
        Assert.StartsWith($"'{path}' is outside the API: the session's token is only sent to paths under /api/v2/", e.Message);
    }

    [Fact]
    public void What_RequestUris_builds_from_a_relative_or_full_path_is_normalised_too()
    {
        var api = new Uri("https://api.mypurecloud.com");
        Assert.Equal("/api/v2/users?id=a", RawRequest.NormalizePath(RequestUris.Build("api/v2//users", new Dictionary<string, object> { ["id"] = "a" }, api)));
        Assert.Throws<ArgumentException>(() => RawRequest.NormalizePath(RequestUris.Build("https://api.mypurecloud.com/api/v2/../x", null, api)));
        Assert.Throws<ArgumentException>(() => RawRequest.NormalizePath(RequestUris.Build(@"..\..\x", null, api)));
    }
}
