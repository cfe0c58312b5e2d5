using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>How a user signs in (Connect-GenesysCloud -Interactive).</summary>
public sealed class InteractiveLoginOptions
{
    /// <summary>Open the browser and receive its redirect on a loopback listener; false = the user pastes the address.</summary>
    public bool UseBrowser { get; set; } = true;
    /// <summary>How long to wait for the browser to come back.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Opens the sign-in address; false when no browser could be started.</summary>
    public Func<Uri, bool> OpenBrowser { get; set; } = SystemBrowser.TryOpen;
    /// <summary>A sign-in already answered (the request and the address the user pasted): the first token comes from it.</summary>
    public Tuple<AuthorizationRequest, string>? Answered { get; set; }
}

/// <summary>A user's own token from the authorization-code grant with PKCE (docs/genesys-api.md §11). A public client
/// gets no refresh token, so when the token expires (or the API rejects it) the browser sign-in runs again: silent
/// while the login service's browser session lives. A sign-in made by pasting cannot be redone without the user.
/// The token lives in memory only.</summary>
public sealed class InteractiveTokenSource : ITokenSource
{
    private readonly HttpClient _loginClient;
    private readonly Uri _loginBaseUri;
    private readonly Uri _tokenUri;
    private readonly string _clientId;
    private readonly InteractiveLoginOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signIn = new SemaphoreSlim(1, 1);
    private volatile AccessToken? _current;
    private volatile AccessToken? _rejected;

    public InteractiveTokenSource(HttpClient loginClient, Uri loginBaseUri, string clientId, InteractiveLoginOptions options,
        TimeProvider time)
    {
        _loginClient = loginClient;
        _loginBaseUri = loginBaseUri;
        _tokenUri = RequestUris.Combine(loginBaseUri, "oauth/token");
        _clientId = clientId;
        _options = options;
        _time = time;
    }

    public GenesysAuthenticationKind Kind => GenesysAuthenticationKind.Interactive;
    public bool CanRenew => _options.UseBrowser;
    public DateTimeOffset? ExpiresAt => _current?.ExpiresAt;
    /// <summary>How many browser sign-ins (first one included) gave a token.</summary>
    public int SignInCount { get; private set; }

    public async Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        var token = _current;
        if (IsUsable(token)) return token!;
        await _signIn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = _current;
            if (IsUsable(token)) return token!;
            token = await SignInAsync(renewal: token != null, cancellationToken).ConfigureAwait(false);
            _current = token;
            return token;
        }
        finally
        {
            _signIn.Release();
        }
    }

    public void Invalidate(AccessToken rejected) => _rejected = rejected;

    private bool IsUsable(AccessToken? token) =>
        token != null && !ReferenceEquals(token, _rejected) && (token.ExpiresAt is not { } expires || _time.GetUtcNow() < expires);

    private async Task<AccessToken> SignInAsync(bool renewal, CancellationToken cancellationToken)
    {
        if (_options.Answered is { } answered)
        {
            _options.Answered = null;
            return await ExchangeAsync(answered.Item1, answered.Item1.ReadCode(answered.Item2), cancellationToken).ConfigureAwait(false);
        }
        if (!_options.UseBrowser)
            throw new GenesysApiException(GenesysErrorKind.Authentication,
                $"The sign-in of OAuth client '{_clientId}' expired at {_current?.ExpiresAt:u} and was made by pasting an address, "
                + "so it cannot be renewed without you: run Connect-GenesysCloud -Interactive again.")
            {
                ErrorId = ApiErrors.AccessTokenExpiredId,
            };

        using var listener = LoopbackRedirectListener.Start("Signed in to Genesys Cloud. You can close this tab and return to PowerShell.");
        var request = new AuthorizationRequest(_loginBaseUri, _clientId, listener.RedirectUri);
        if (renewal)
            OperationContext.Observer.Warning("Your Genesys Cloud sign-in expired: signing in again in the browser "
                                              + $"(usually without a prompt). If no browser window appears, open {request.Uri}");
        if (!_options.OpenBrowser(request.Uri))
            throw AuthorizationRequest.Failure(GenesysErrorKind.InvalidRequest, "GenesysConvo.NoBrowser", null,
                "No browser could be opened to sign in. Run Connect-GenesysCloud -Interactive -NoBrowser at an interactive console "
                + $"(it shows the address to open anywhere), or set {SystemBrowser.BrowserVariable} to a browser program.");
        OperationContext.Observer.Verbose($"Opened the browser at {request.Uri.GetLeftPart(UriPartial.Path)} for OAuth client "
            + $"{_clientId}; waiting up to {Durations.Describe(_options.Timeout)} for {listener.RedirectUri}.");
        var redirected = await WaitAsync(listener.Redirected, cancellationToken).ConfigureAwait(false);
        return await ExchangeAsync(request, request.ReadCode(redirected.ToString()), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Uri> WaitAsync(Task<Uri> redirected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gaveUp = _time.DelayAsync(_options.Timeout, timeout.Token);
        if (await Task.WhenAny(redirected, gaveUp).ConfigureAwait(false) == redirected)
        {
            timeout.Cancel();
            return await redirected.ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw AuthorizationRequest.Failure(GenesysErrorKind.Timeout, "GenesysConvo.AuthorizationTimeout", null,
            $"The browser did not come back from the sign-in within {Durations.Describe(_options.Timeout)}. Finish signing in "
            + "in the browser next time, or use -NoBrowser to paste the address yourself; -LoginTimeout gives more time.");
    }

    private static KeyValuePair<string, string> Field(string name, string value) => new KeyValuePair<string, string>(name, value);

    /// <summary>POST /oauth/token with the code and the PKCE verifier (no secret: a public client).</summary>
    private async Task<AccessToken> ExchangeAsync(AuthorizationRequest request, string code, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, _tokenUri)
        {
            Content = new FormUrlEncodedContent(new[]
            {
                Field("grant_type", "authorization_code"), Field("code", code), Field("code_verifier", request.Verifier),
                Field("client_id", _clientId), Field("redirect_uri", request.RedirectUri.ToString()),
            }),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var trace = new RequestTrace();   // not idempotent: a code is good for one exchange
        trace.AttachTo(message);
        HttpResponseMessage response;
        try
        {
            response = await _loginClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.FromException(e, "POST", _tokenUri.AbsolutePath, trace);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw ApiErrors.FromCodeExchangeResponse(response, body, _tokenUri, _clientId, trace);
            var token = TokenAnswer.Read(response, body, _tokenUri, _time.GetUtcNow());
            SignInCount++;
            OperationContext.Observer.Verbose($"Signed in through OAuth client {_clientId}; the token is valid until {token.ExpiresAt:u}.");
            return token;
        }
    }
}
