using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>OAuth client credentials against https://login.&lt;domain&gt;/oauth/token (HTTP Basic client auth).
/// Renews before expiry, and once after a 401; renewal is single-flight, so parallel callers at expiry share one login.</summary>
public sealed class ClientCredentialsTokenSource : ITokenSource
{
    private readonly HttpClient _loginClient;
    private readonly Uri _tokenUri;
    private readonly string _clientId;
    private readonly ClientSecret _secret;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);
    private volatile AccessToken? _current;
    private volatile AccessToken? _rejected;

    public ClientCredentialsTokenSource(HttpClient loginClient, Uri loginBaseUri, string clientId, ClientSecret secret, TimeProvider time)
    {
        _loginClient = loginClient;
        _tokenUri = RequestUris.Combine(loginBaseUri, "oauth/token");
        _clientId = clientId;
        _secret = secret;
        _time = time;
    }

    public GenesysAuthenticationKind Kind => GenesysAuthenticationKind.ClientCredentials;
    public bool CanRenew => true;
    public DateTimeOffset? ExpiresAt => _current?.ExpiresAt;
    public int LoginCount { get; private set; }

    public async Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        var token = _current;
        if (IsUsable(token)) return token!;
        await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = _current;   // another caller may have renewed while we waited
            if (IsUsable(token)) return token!;
            token = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _current = token;
            return token;
        }
        finally
        {
            _renewal.Release();
        }
    }

    public void Invalidate(AccessToken rejected) => _rejected = rejected;

    /// <summary>Renew a little before expiry (a tenth of the lifetime, at most a minute, as the Go SDK does),
    /// so a request never leaves with a token that dies in flight.</summary>
    private bool IsUsable(AccessToken? token)
    {
        if (token is null || ReferenceEquals(token, _rejected)) return false;
        return token.ExpiresAt is not { } expires || _time.GetUtcNow() < expires - RenewalMargin;
    }

    private TimeSpan RenewalMargin { get; set; } = TimeSpan.Zero;

    private async Task<AccessToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        OperationContext.Observer.Verbose(
            $"Requesting an access token for OAuth client {_clientId} from {_tokenUri.GetLeftPart(UriPartial.Authority)}.");
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri)
        {
            Content = new FormUrlEncodedContent(new[] { new KeyValuePair<string, string>("grant_type", "client_credentials") }),
        };
        // The SDKs encode id:secret as ISO-8859-1 before Base64.
        var basic = Convert.ToBase64String(Encoding.GetEncoding("ISO-8859-1").GetBytes(_clientId + ":" + _secret.Value));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        // Before the first token a refused connection means a wrong -Region or -LoginBaseUri: fail at once. Later (a
        // renewal mid-export) it is retried like any network failure: the host was right a moment ago.
        var trace = new RequestTrace { RefusalIsFinal = LoginCount == 0 };
        trace.AttachTo(request);

        HttpResponseMessage response;
        try
        {
            response = await _loginClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.FromLoginException(e, _tokenUri, trace);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw ApiErrors.FromLoginResponse(response, body, _tokenUri, _clientId, trace);
            return ReadToken(response, body, _time.GetUtcNow());
        }
    }

    /// <summary>The OAuth token response {access_token, token_type, expires_in}, read defensively (a login host that
    /// answers 200 with something else gets an error naming the host, not a parser exception).</summary>
    private AccessToken ReadToken(HttpResponseMessage response, string body, DateTimeOffset issuedAt)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var value = root.GetProperty("access_token").GetString();
            if (string.IsNullOrEmpty(value)) throw new FormatException("empty access_token");
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : (TimeSpan?)null;
            RenewalMargin = lifetime is { } l ? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, l.Ticks / 10)) : TimeSpan.Zero;
            LoginCount++;
            var token = new AccessToken(value!, issuedAt + lifetime);
            OperationContext.Observer.Verbose(lifetime is null
                ? "Received an access token (no expiry given)."
                : $"Received an access token valid for {Durations.Describe(lifetime.Value)} (until {token.ExpiresAt:u}).");
            return token;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new GenesysApiException(GenesysErrorKind.InvalidResponse,
                $"The login service at {_tokenUri.GetLeftPart(UriPartial.Authority)} answered without a usable access token. "
                + "Check -LoginBaseUri / -Region.")
            {
                StatusCode = (int)response.StatusCode, Method = "POST", Path = _tokenUri.AbsolutePath,
                CorrelationId = ApiErrors.CorrelationId(response),
            };
        }
    }
}
