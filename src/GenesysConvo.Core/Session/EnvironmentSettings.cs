using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Session;

/// <summary>Connection settings from environment variables, named as the official CLI and Terraform provider name
/// them (GENESYSCLOUD_*), with the GENESYS_CLOUD_* spellings also accepted. What runbooks and CI jobs use.</summary>
public sealed class EnvironmentSettings
{
    public const string RegionVariable = "GENESYSCLOUD_REGION";
    public const string ClientIdVariable = "GENESYSCLOUD_OAUTHCLIENT_ID";
    public const string ClientSecretVariable = "GENESYSCLOUD_OAUTHCLIENT_SECRET";
    public const string AccessTokenVariable = "GENESYSCLOUD_ACCESS_TOKEN";
    /// <summary>Base URIs instead of the region's (a local emulator, a gateway): what -ApiBaseUri and -LoginBaseUri
    /// set, so one runbook runs unchanged against an emulator and a real org.</summary>
    public const string ApiBaseUriVariable = "GENESYSCLOUD_API_BASE_URI";
    public const string LoginBaseUriVariable = "GENESYSCLOUD_LOGIN_BASE_URI";

    public string? Region { get; private set; }
    public string? RegionSource { get; private set; }
    public string? ClientId { get; private set; }
    public string? ClientSecret { get; private set; }
    public string? AccessToken { get; private set; }
    public string? ApiBaseUri { get; private set; }
    public string? ApiBaseUriSource { get; private set; }
    public string? LoginBaseUri { get; private set; }
    public string? LoginBaseUriSource { get; private set; }

    public static EnvironmentSettings Read(Func<string, string?> getVariable)
    {
        string? Get(string name, out string? source)
        {
            foreach (var candidate in new[] { name, name.Replace("GENESYSCLOUD_", "GENESYS_CLOUD_") })
            {
                var value = getVariable(candidate);
                if (!string.IsNullOrWhiteSpace(value)) { source = candidate; return value!.Trim(); }
            }
            source = null;
            return null;
        }

        var settings = new EnvironmentSettings
        {
            Region = Get(RegionVariable, out var regionSource),
            ClientId = Get(ClientIdVariable, out _),
            ClientSecret = Get(ClientSecretVariable, out _),
            AccessToken = Get(AccessTokenVariable, out _),
            ApiBaseUri = Get(ApiBaseUriVariable, out var apiSource),
            LoginBaseUri = Get(LoginBaseUriVariable, out var loginSource),
        };
        settings.RegionSource = regionSource;
        settings.ApiBaseUriSource = apiSource;
        settings.LoginBaseUriSource = loginSource;
        return settings;
    }

    /// <summary>Fills the credentials of <paramref name="options"/> from the environment, or says exactly what is missing.</summary>
    public void ApplyCredentialsTo(ConnectionOptions options)
    {
        if (AccessToken != null)
        {
            options.AccessToken = new Auth.AccessToken(AccessToken, null);
            return;
        }
        var missing = new List<string>();
        if (ClientId is null) missing.Add(ClientIdVariable);
        if (ClientSecret is null) missing.Add(ClientSecretVariable);
        if (missing.Count == 2)
            throw new ArgumentException("No credentials given. Pass -ClientId and -ClientSecret, -Credential, or -AccessToken; " +
                $"or set the environment variables {ClientIdVariable} and {ClientSecretVariable} (or {AccessTokenVariable}), " +
                $"and {RegionVariable}.");
        if (missing.Count == 1)
            throw new ArgumentException($"The environment variable {missing.Single()} is not set " +
                "(the other half of the client credentials is). Set it, or pass -ClientId and -ClientSecret.");
        options.ClientId = ClientId;
        options.ClientSecret = new Auth.ClientSecret(ClientSecret!);
    }

    /// <summary>Sets the base URIs of <paramref name="options"/> from the environment; returns the variables used
    /// (for -Verbose), or throws naming the variable whose value is not a usable URI.</summary>
    public IReadOnlyList<string> ApplyEndpointsTo(ConnectionOptions options)
    {
        var used = new List<string>();
        if (ApiBaseUri != null)
        {
            options.ApiBaseUri = ParseEndpoint(ApiBaseUri, ApiBaseUriSource!);
            used.Add($"{ApiBaseUriSource} = {options.ApiBaseUri}");
        }
        if (LoginBaseUri != null)
        {
            options.LoginBaseUri = ParseEndpoint(LoginBaseUri, LoginBaseUriSource!);
            used.Add($"{LoginBaseUriSource} = {options.LoginBaseUri}");
        }
        return used;
    }

    private static Uri ParseEndpoint(string value, string variable)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            throw new ArgumentException($"The environment variable {variable} ('{value}') is not an absolute URI: " +
                                        "set it to one such as https://api.mypurecloud.com, or clear it.");
        ConnectionOptions.CheckEndpoint(uri, $"The environment variable {variable}");
        return uri;
    }
}
