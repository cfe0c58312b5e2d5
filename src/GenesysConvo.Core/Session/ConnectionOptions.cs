using System;
using System.Net;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Session;

/// <summary>Everything a connection needs: where (region or explicit base URIs), who (client credentials or a
/// supplied token) and how hard to retry.</summary>
public sealed class ConnectionOptions
{
    public GenesysRegion Region { get; set; } = GenesysRegion.Default;
    /// <summary>Overrides the region's https://api.&lt;domain&gt; (an emulator, a gateway, a private environment).</summary>
    public Uri? ApiBaseUri { get; set; }
    /// <summary>Overrides the region's https://login.&lt;domain&gt;.</summary>
    public Uri? LoginBaseUri { get; set; }
    public string? ClientId { get; set; }
    public ClientSecret? ClientSecret { get; set; }
    public AccessToken? AccessToken { get; set; }
    /// <summary>A user's own sign-in through the browser with ClientId as a Code Authorization (PKCE) client.</summary>
    public InteractiveLoginOptions? Interactive { get; set; }
    public RetryOptions Retry { get; set; } = new RetryOptions();
    public TimeProvider Time { get; set; } = TimeProvider.System;
    /// <summary>The innermost HTTP handler; tests put a fake server boundary here (default: sockets).</summary>
    internal Func<System.Net.Http.HttpMessageHandler>? PrimaryHandler { get; set; }

    public Uri EffectiveApiBaseUri => ApiBaseUri ?? Region.ApiBaseUri;
    public Uri EffectiveLoginBaseUri => LoginBaseUri ?? (ApiBaseUri is { } api ? DeriveLogin(api) : Region.LoginBaseUri);

    /// <summary>Throws ArgumentException naming the fix for any inconsistent or unsafe setting.</summary>
    public void Validate()
    {
        CheckEndpoint(EffectiveApiBaseUri, "-ApiBaseUri");
        CheckEndpoint(EffectiveLoginBaseUri, "-LoginBaseUri");
        if (Interactive != null)
        {
            ValidateInteractive();
            return;
        }
        var hasClient = ClientId != null || ClientSecret != null;
        if (AccessToken != null && hasClient)
            throw new ArgumentException("Give either an access token or client credentials, not both.");
        if (AccessToken == null)
        {
            if (string.IsNullOrWhiteSpace(ClientId))
                throw new ArgumentException("No OAuth client id: pass -ClientId (or -Credential with the client id as user name), " +
                                            "or set GENESYSCLOUD_OAUTHCLIENT_ID.");
            if (ClientSecret == null)
                throw new ArgumentException(
                    "No OAuth client secret: pass -ClientSecret (or -Credential), or set GENESYSCLOUD_OAUTHCLIENT_SECRET.");
        }
        Retry.Validate();
    }

    private void ValidateInteractive()
    {
        if (AccessToken != null || ClientSecret != null)
            throw new ArgumentException(
                "-Interactive signs you in through the browser: give it -ClientId only, not a secret or an access token.");
        if (string.IsNullOrWhiteSpace(ClientId))
            throw new ArgumentException("-Interactive needs -ClientId: the id of an OAuth client with the Code Authorization grant type.");
        Retry.Validate();
    }

    /// <summary>The SDKs turn https://api.X into https://login.X; for any other host the login service is assumed
    /// to be on the same host (a gateway) unless -LoginBaseUri says otherwise.</summary>
    private static Uri DeriveLogin(Uri api)
    {
        if (!api.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase)) return api;
        var b = new UriBuilder(api) { Host = "login." + api.Host.Substring(4) };
        return b.Uri;
    }

    /// <summary>Throws naming <paramref name="parameter"/> (a parameter or an environment variable) and the fix.</summary>
    internal static void CheckEndpoint(Uri uri, string parameter)
    {
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"{parameter} must be an absolute https:// URI, for example https://api.mypurecloud.com.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri.Host))
            throw new ArgumentException($"{parameter} '{uri.GetLeftPart(UriPartial.Authority)}' uses plain http://, " +
                                        "which would send credentials unencrypted. " +
                                        "Use https://, or http:// only for a loopback host (127.0.0.1, ::1, localhost) " +
                                        "such as a local emulator.");
    }

    public static bool IsLoopback(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
