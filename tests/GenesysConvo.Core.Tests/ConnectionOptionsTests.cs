using Xunit;

namespace GenesysConvo.Core.Tests;

public class ConnectionOptionsTests
{
    private static ConnectionOptions WithClient(string? api = null, string? login = null) => new()
    {
        ApiBaseUri = api is null ? null : new Uri(api),
        LoginBaseUri = login is null ? null : new Uri(login),
        ClientId = "client-id",
        ClientSecret = new ClientSecret("s3cret"),
    };

    [Fact]
    public void Region_defaults_give_the_region_hosts()
    {
        var options = WithClient();
        options.Region = GenesysRegion.Resolve("eu-west-1");
        options.Validate();
        Assert.Equal(new Uri("https://api.mypurecloud.ie/"), options.EffectiveApiBaseUri);
        Assert.Equal(new Uri("https://login.mypurecloud.ie/"), options.EffectiveLoginBaseUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://api.example.com")]
    [InlineData("https://gateway.internal:8443/genesys/")]
    public void Https_anywhere_and_http_only_on_loopback(string api)
    {
        WithClient(api).Validate();
    }

    [Theory]
    [InlineData("http://api.example.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://[::2]:8080")]
    public void Plain_http_to_a_remote_host_is_refused(string api)
    {
        var error = Assert.Throws<ArgumentException>(() => WithClient(api).Validate());
        Assert.Contains("-ApiBaseUri", error.Message);
        Assert.Contains("http://", error.Message);
        Assert.Contains("loopback", error.Message);
    }

    [Fact]
    public void Plain_http_login_host_is_refused_even_with_an_https_api()
    {
        var error = Assert.Throws<ArgumentException>(() => WithClient("https://api.example.com", "http://login.example.com").Validate());
        Assert.Contains("-LoginBaseUri", error.Message);
        Assert.DoesNotContain("-ApiBaseUri", error.Message);
    }

    [Fact]
    public void Other_schemes_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => WithClient("ftp://api.example.com").Validate());
        Assert.Contains("https://", error.Message);
    }

    [Theory]
    [InlineData("https://api.example.com", "https://login.example.com/")]
    [InlineData("https://API.example.com:8443/", "https://login.example.com:8443/")]
    [InlineData("https://api.mypurecloud.de", "https://login.mypurecloud.de/")]
    public void Login_host_is_derived_from_an_api_host(string api, string login)
    {
        Assert.Equal(new Uri(login), WithClient(api).EffectiveLoginBaseUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://gateway.example.com/genesys/")]
    public void A_custom_host_serves_login_itself(string api)
    {
        Assert.Equal(new Uri(api), WithClient(api).EffectiveLoginBaseUri);
    }

    [Fact]
    public void An_explicit_login_host_wins()
    {
        var options = WithClient("https://api.example.com", "https://auth.example.com");
        Assert.Equal(new Uri("https://auth.example.com"), options.EffectiveLoginBaseUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_client_id_names_the_parameters_and_variable(string? clientId)
    {
        var options = new ConnectionOptions { ClientId = clientId, ClientSecret = new ClientSecret("s3cret") };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("-ClientId", error.Message);
        Assert.Contains("GENESYSCLOUD_OAUTHCLIENT_ID", error.Message);
    }

    [Fact]
    public void Missing_client_secret_names_the_parameter_and_variable()
    {
        var options = new ConnectionOptions { ClientId = "client-id" };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("-ClientSecret", error.Message);
        Assert.Contains("GENESYSCLOUD_OAUTHCLIENT_SECRET", error.Message);
    }

    [Fact]
    public void Token_and_client_credentials_together_are_refused()
    {
        var both = WithClient();
        both.AccessToken = new AccessToken("tok", null);
        Assert.Contains("not both", Assert.Throws<ArgumentException>(both.Validate).Message);

        var secretOnly = new ConnectionOptions { AccessToken = new AccessToken("tok", null), ClientSecret = new ClientSecret("s") };
        Assert.Throws<ArgumentException>(secretOnly.Validate);
    }

    [Fact]
    public void A_token_alone_is_enough()
    {
        new ConnectionOptions { AccessToken = new AccessToken("tok", null) }.Validate();
    }

    [Fact]
    public void Retry_options_are_validated_too()
    {
        var options = WithClient();
        options.Retry.MaxRetryCount = 51;
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        options.Retry.MaxRetryCount = -1;
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        options.Retry.MaxRetryCount = 0;
        options.Validate();
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.8.9.10", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("example.com", false)]
    [InlineData("localhost.example.com", false)]
    public void Loopback_hosts(string host, bool loopback)
    {
        Assert.Equal(loopback, ConnectionOptions.IsLoopback(host));
    }

    [Fact]
    public void Secrets_and_tokens_do_not_show_in_their_text()
    {
        Assert.DoesNotContain("s3cret", new ClientSecret("s3cret").ToString());
        Assert.DoesNotContain("tok-value", new AccessToken("tok-value", null).ToString());
        Assert.Throws<ArgumentException>(() => new ClientSecret(""));
    }
}
