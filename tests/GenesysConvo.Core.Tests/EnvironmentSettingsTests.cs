using Xunit;

namespace GenesysConvo.Core.Tests;

public class EnvironmentSettingsTests
{
    private static EnvironmentSettings Read(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return EnvironmentSettings.Read(name => map.TryGetValue(name, out var value) ? value : null);
    }

    [Fact]
    public void Reads_the_cli_spellings()
    {
        var settings = Read(("GENESYSCLOUD_REGION", "eu-west-1"), ("GENESYSCLOUD_OAUTHCLIENT_ID", "id"),
            ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret"), ("GENESYSCLOUD_ACCESS_TOKEN", "tok"));
        Assert.Equal("eu-west-1", settings.Region);
        Assert.Equal("GENESYSCLOUD_REGION", settings.RegionSource);
        Assert.Equal("id", settings.ClientId);
        Assert.Equal("secret", settings.ClientSecret);
        Assert.Equal("tok", settings.AccessToken);
    }

    [Fact]
    public void Reads_the_underscore_spellings()
    {
        var settings = Read(("GENESYS_CLOUD_REGION", "us-west-2"), ("GENESYS_CLOUD_OAUTHCLIENT_ID", "id"),
            ("GENESYS_CLOUD_OAUTHCLIENT_SECRET", "secret"), ("GENESYS_CLOUD_ACCESS_TOKEN", "tok"));
        Assert.Equal("us-west-2", settings.Region);
        Assert.Equal("GENESYS_CLOUD_REGION", settings.RegionSource);
        Assert.Equal("id", settings.ClientId);
        Assert.Equal("secret", settings.ClientSecret);
        Assert.Equal("tok", settings.AccessToken);
    }

    [Fact]
    public void The_cli_spelling_wins_and_blank_values_count_as_unset()
    {
        var settings = Read(("GENESYSCLOUD_REGION", "eu-west-1"), ("GENESYS_CLOUD_REGION", "us-west-2"),
            ("GENESYSCLOUD_OAUTHCLIENT_ID", "   "), ("GENESYS_CLOUD_OAUTHCLIENT_ID", "fallback-id"));
        Assert.Equal("eu-west-1", settings.Region);
        Assert.Equal("GENESYSCLOUD_REGION", settings.RegionSource);
        Assert.Equal("fallback-id", settings.ClientId);
    }

    [Fact]
    public void Values_are_trimmed_and_nothing_set_reads_as_null()
    {
        var settings = Read(("GENESYSCLOUD_OAUTHCLIENT_ID", "  id \n"));
        Assert.Equal("id", settings.ClientId);
        Assert.Null(settings.Region);
        Assert.Null(settings.RegionSource);
        Assert.Null(settings.ClientSecret);
        Assert.Null(settings.AccessToken);
    }

    [Fact]
    public void Client_credentials_are_applied()
    {
        var options = new ConnectionOptions();
        Read(("GENESYSCLOUD_OAUTHCLIENT_ID", "id"), ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")).ApplyCredentialsTo(options);
        Assert.Equal("id", options.ClientId);
        Assert.Equal("secret", options.ClientSecret!.Value);
        Assert.Null(options.AccessToken);
        options.Validate();
    }

    [Fact]
    public void A_token_takes_precedence_over_client_credentials()
    {
        var options = new ConnectionOptions();
        Read(("GENESYSCLOUD_ACCESS_TOKEN", "tok"), ("GENESYSCLOUD_OAUTHCLIENT_ID", "id"), ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret"))
            .ApplyCredentialsTo(options);
        Assert.Equal("tok", options.AccessToken!.Value);
        Assert.Null(options.AccessToken.ExpiresAt);
        Assert.Null(options.ClientId);
        Assert.Null(options.ClientSecret);
        options.Validate();
    }

    [Fact]
    public void Nothing_set_names_every_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => Read().ApplyCredentialsTo(new ConnectionOptions()));
        Assert.Contains(EnvironmentSettings.ClientIdVariable, error.Message);
        Assert.Contains(EnvironmentSettings.ClientSecretVariable, error.Message);
        Assert.Contains(EnvironmentSettings.AccessTokenVariable, error.Message);
        Assert.Contains(EnvironmentSettings.RegionVariable, error.Message);
        Assert.Contains("-ClientId", error.Message);
    }

    [Fact]
    public void Only_the_id_set_names_the_missing_secret()
    {
        var options = new ConnectionOptions();
        var error = Assert.Throws<ArgumentException>(() => Read(("GENESYSCLOUD_OAUTHCLIENT_ID", "id")).ApplyCredentialsTo(options));
        Assert.Contains("GENESYSCLOUD_OAUTHCLIENT_SECRET is not set", error.Message);
        Assert.DoesNotContain("GENESYSCLOUD_OAUTHCLIENT_ID", error.Message);
        Assert.Null(options.ClientId);
    }

    [Fact]
    public void Only_the_secret_set_names_the_missing_id_and_not_the_secret()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Read(("GENESYS_CLOUD_OAUTHCLIENT_SECRET", "very-secret")).ApplyCredentialsTo(new ConnectionOptions()));
        Assert.Contains("GENESYSCLOUD_OAUTHCLIENT_ID is not set", error.Message);
        Assert.DoesNotContain("very-secret", error.Message);
    }

    [Fact]
    public void Base_uris_from_the_environment_set_both_endpoints_and_say_which_variables()
    {
        var options = new ConnectionOptions();
        var used = Read(("GENESYSCLOUD_API_BASE_URI", "http://127.0.0.1:8990"),
            ("GENESYS_CLOUD_LOGIN_BASE_URI", "http://127.0.0.1:8991")).ApplyEndpointsTo(options);
        Assert.Equal(new Uri("http://127.0.0.1:8990"), options.EffectiveApiBaseUri);
        Assert.Equal(new Uri("http://127.0.0.1:8991"), options.EffectiveLoginBaseUri);
        Assert.Equal(new[] { "GENESYSCLOUD_API_BASE_URI = http://127.0.0.1:8990/", "GENESYS_CLOUD_LOGIN_BASE_URI = http://127.0.0.1:8991/" },
            used);
    }

    [Fact]
    public void No_base_uri_in_the_environment_leaves_the_region_in_charge()
    {
        var options = new ConnectionOptions();
        Assert.Empty(Read(("GENESYSCLOUD_REGION", "eu-west-1")).ApplyEndpointsTo(options));
        Assert.Null(options.ApiBaseUri);
        Assert.Null(options.LoginBaseUri);
    }

    [Theory]
    [InlineData("api.mypurecloud.com", "not an absolute URI")]
    [InlineData("http://gateway.example.com", "plain http://")]
    public void A_bad_base_uri_names_the_variable_and_the_fix(string value, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Read(("GENESYSCLOUD_API_BASE_URI", value)).ApplyEndpointsTo(new ConnectionOptions()));
        Assert.Contains("GENESYSCLOUD_API_BASE_URI", error.Message);
        Assert.Contains(reason, error.Message);
    }
}
