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

    public string? Region { get; private set; }
    public string? RegionSource { get; private set; }
    public string? ClientId { get; private set; }
    public string? ClientSecret { get; private set; }
    public string? AccessToken { get; private set; }

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
        };
        settings.RegionSource = regionSource;
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
}
