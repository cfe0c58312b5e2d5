using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class ClientCredentialsTokenSourceTests
{
    private const string Secret = "pa55-w0rd-SECRET";
    private readonly TestClock _clock = new();
    private readonly FakeHttp _login = new();

    private ClientCredentialsTokenSource Source(string loginBase = "https://login.example.test", string clientId = "my-client", string secret = Secret, bool withRetries = false)
    {
        HttpMessageHandler handler = withRetries
            ? new ResilienceHandler(new RetryOptions { BaseDelay = TimeSpan.Zero }, _clock) { InnerHandler = _login }
            : _login;
        return new ClientCredentialsTokenSource(new HttpClient(handler), new Uri(loginBase), clientId, new ClientSecret(secret), _clock);
    }

    [Fact]
    public async Task Logs_in_with_basic_auth_and_a_client_credentials_form()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A", 86399));
        var source = Source();
        var token = await source.GetAsync(CancellationToken.None);

        Assert.Equal("tok-A", token.Value);
        Assert.Equal(TestClock.Start.AddSeconds(86399), token.ExpiresAt);
        Assert.Equal(token.ExpiresAt, source.ExpiresAt);
        var seen = Assert.Single(_login.Seen);
        Assert.Equal(HttpMethod.Post, seen.Method);
        Assert.Equal(new Uri("https://login.example.test/oauth/token"), seen.Uri);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("my-client:" + Secret)), seen.Authorization);
        Assert.Equal("grant_type=client_credentials", seen.BodyText);
        Assert.Equal("application/x-www-form-urlencoded", seen.ContentType);
        Assert.Equal("application/json", seen.Accept);
        Assert.Equal(1, source.LoginCount);
        Assert.True(source.CanRenew);
        Assert.Equal(GenesysAuthenticationKind.ClientCredentials, source.Kind);
    }

    [Fact]
    public async Task Non_ascii_credentials_are_encoded_as_latin1()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok"));
        await Source(clientId: "clïent", secret: "sécret").GetAsync(CancellationToken.None);
        var expected = Convert.ToBase64String(new byte[] { (byte)'c', (byte)'l', 0xEF, (byte)'e', (byte)'n', (byte)'t', (byte)':', (byte)'s', 0xE9, (byte)'c', (byte)'r', (byte)'e', (byte)'t' });
        Assert.Equal("Basic " + expected, Assert.Single(_login.Seen).Authorization);
    }

    [Fact]
    public async Task A_login_base_with_a_path_prefix_keeps_it()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok"));
        await Source("https://gateway.example.test/genesys/login").GetAsync(CancellationToken.None);
        Assert.Equal(new Uri("https://gateway.example.test/genesys/login/oauth/token"), Assert.Single(_login.Seen).Uri);
    }

    [Fact]
    public async Task The_token_is_cached()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A")).Respond(HttpStatusCode.OK, Responses.Token("tok-B"));
        var source = Source();
        var first = await source.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(1));
        var second = await source.GetAsync(CancellationToken.None);
        Assert.Same(first, second);
        Assert.Equal(1, _login.Count);
    }

    [Theory]
    [InlineData(3600, 60)]    // a tenth of the lifetime, at most a minute
    [InlineData(300, 30)]
    [InlineData(86399, 60)]
    public async Task The_token_is_renewed_within_the_margin_before_expiry(int expiresIn, int marginSeconds)
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A", expiresIn)).Respond(HttpStatusCode.OK, Responses.Token("tok-B", expiresIn));
        var source = Source();
        await source.GetAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(expiresIn - marginSeconds - 1));
        Assert.Equal("tok-A", (await source.GetAsync(CancellationToken.None)).Value);
        Assert.Equal(1, _login.Count);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("tok-B", (await source.GetAsync(CancellationToken.None)).Value);
        Assert.Equal(2, _login.Count);
        Assert.Equal(2, source.LoginCount);
    }

    [Fact]
    public async Task A_token_without_expiry_is_kept()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A", null));
        var source = Source();
        await source.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal("tok-A", (await source.GetAsync(CancellationToken.None)).Value);
        Assert.Null(source.ExpiresAt);
        Assert.Equal(1, _login.Count);
    }

    [Fact]
    public async Task Invalidate_forces_a_new_login_but_only_for_the_current_token()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A")).Respond(HttpStatusCode.OK, Responses.Token("tok-B"));
        var source = Source();
        var a = await source.GetAsync(CancellationToken.None);
        source.Invalidate(new AccessToken("some-older-token", null));
        Assert.Same(a, await source.GetAsync(CancellationToken.None));
        Assert.Equal(1, _login.Count);

        source.Invalidate(a);
        Assert.Equal("tok-B", (await source.GetAsync(CancellationToken.None)).Value);
        Assert.Equal(2, _login.Count);
    }

    [Fact]
    public async Task Parallel_callers_after_Invalidate_share_one_login()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _login.Respond(HttpStatusCode.OK, Responses.Token("tok-A"));
        _login.Then(async (request, _) =>
        {
            entered.TrySetResult();
            await release.Task;
            return FakeHttp.Response(request, HttpStatusCode.OK, Responses.Token("tok-B"));
        });
        _login.Always(HttpStatusCode.OK, Responses.Token("tok-EXTRA"));
        var source = Source();
        source.Invalidate(await source.GetAsync(CancellationToken.None));

        var callers = Enumerable.Range(0, 10).Select(_ => Task.Run(() => source.GetAsync(CancellationToken.None))).ToArray();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);   // let the other callers pile up behind the login in flight
        release.SetResult();
        var tokens = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(tokens, t => Assert.Equal("tok-B", t.Value));
        Assert.Equal(2, _login.Count);   // the first login and exactly one renewal
        Assert.Equal(2, source.LoginCount);
    }

    [Theory]
    [InlineData(400, "{\"error\":\"invalid_client\",\"description\":\"authentication failed\",\"error_description\":\"authentication failed\"}", "authentication failed")]
    [InlineData(400, "{\"error\":\"invalid_client\",\"description\":\"client not found\",\"error_description\":\"client not found\"}", "client not found")]
    [InlineData(401, "", "Unauthorized")]
    public async Task Bad_credentials_are_an_authentication_error_naming_the_parameters(int status, string body, string detail)
    {
        _login.Respond((HttpStatusCode)status, body).Always(HttpStatusCode.OK, Responses.Token("never"));
        var source = Source(withRetries: true);
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => source.GetAsync(CancellationToken.None));

        Assert.Equal(GenesysErrorKind.Authentication, error.Kind);
        Assert.Equal("GenesysConvo.BadCredentials", error.ErrorId);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains("-ClientId", error.Message);
        Assert.Contains("-ClientSecret", error.Message);
        Assert.Contains("my-client", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes("my-client:" + Secret)), error.Message);
        Assert.Equal(1, _login.Count);   // never retried
        Assert.Equal(0, source.LoginCount);
    }

    [Fact]
    public async Task Another_oauth_error_is_an_authentication_error_with_its_code()
    {
        _login.Respond(HttpStatusCode.BadRequest, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant not allowed\"}");
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => Source().GetAsync(CancellationToken.None));
        Assert.Equal(GenesysErrorKind.Authentication, error.Kind);
        Assert.Equal("unsupported_grant_type", error.ErrorCode);
        Assert.Contains("grant not allowed", error.Message);
    }

    [Fact]
    public async Task A_server_error_from_the_login_service_is_retried_then_reported()
    {
        _login.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK, Responses.Token("tok"));
        Assert.Equal("tok", (await Source(withRetries: true).GetAsync(CancellationToken.None)).Value);
        Assert.Equal(2, _login.Count);

        var failing = new FakeHttp().Always(HttpStatusCode.InternalServerError, "{\"message\":\"boom\"}");
        var source = new ClientCredentialsTokenSource(new HttpClient(failing), new Uri("https://login.example.test"), "id", new ClientSecret(Secret), _clock);
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => source.GetAsync(CancellationToken.None));
        Assert.Equal(GenesysErrorKind.ServiceUnavailable, error.Kind);
        Assert.Equal("/oauth/token", error.Path);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Theory]
    [InlineData("{\"token_type\":\"bearer\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":\"\",\"expires_in\":3600}")]
    [InlineData("{\"access_token\":5}")]
    [InlineData("<html>login page</html>")]
    public async Task A_success_without_a_usable_token_is_an_invalid_response(string body)
    {
        _login.Respond(HttpStatusCode.OK, body);
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => Source().GetAsync(CancellationToken.None));
        Assert.Equal(GenesysErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("-LoginBaseUri", error.Message);
    }

    [Fact]
    public async Task A_network_failure_is_a_connection_error()
    {
        _login.Throw(new HttpRequestException("No such host is known."));
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => Source().GetAsync(CancellationToken.None));
        Assert.Equal(GenesysErrorKind.Connection, error.Kind);
        Assert.Contains("No such host is known", error.Message);
    }

    private static HttpRequestException Refused() =>
        new("Connection refused (login.example.test:443)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    [Fact]
    public async Task A_refused_first_login_fails_at_once_naming_the_url_and_the_fix()
    {
        _login.Throw(Refused()).Respond(HttpStatusCode.OK, Responses.Token("tok"));
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => Source(withRetries: true).GetAsync(CancellationToken.None));
        Assert.Equal(1, _login.Count);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(GenesysErrorKind.Connection, error.Kind);
        Assert.Contains("https://login.example.test/oauth/token", error.Message);
        Assert.Contains("-LoginBaseUri", error.Message);
        Assert.Contains("GENESYSCLOUD_LOGIN_BASE_URI", error.Message);
    }

    [Fact]
    public async Task A_refused_renewal_after_a_login_is_retried()
    {
        _login.Respond(HttpStatusCode.OK, Responses.Token("first")).Throw(Refused()).Throw(Refused())
            .Respond(HttpStatusCode.OK, Responses.Token("second"));
        var source = Source(withRetries: true);
        source.Invalidate(await source.GetAsync(CancellationToken.None));
        Assert.Equal("second", (await source.GetAsync(CancellationToken.None)).Value);
        Assert.Equal(4, _login.Count);
    }

    [Fact]
    public async Task Cancellation_stays_a_cancellation()
    {
        _login.Hang();
        using var cancel = new CancellationTokenSource();
        var get = Source().GetAsync(cancel.Token);
        await Eventually.TrueAsync(() => _login.Count == 1, "the login request");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Observer_messages_name_the_client_but_never_the_secret_or_token()
    {
        var observer = new RecordingObserver();
        OperationContext.Use(observer);
        try
        {
            _login.Respond(HttpStatusCode.OK, Responses.Token("tok-VALUE", 3600));
            await Source().GetAsync(CancellationToken.None);
        }
        finally
        {
            OperationContext.Use(null);
        }
        Assert.Contains(observer.VerboseMessages, m => m.Contains("my-client") && m.Contains("https://login.example.test"));
        Assert.Contains(observer.VerboseMessages, m => m.Contains("valid for 3600 s"));
        Assert.DoesNotContain(observer.All, m => m.Contains(Secret) || m.Contains("tok-VALUE"));
    }
}

public class SuppliedTokenSourceTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task An_expired_token_is_an_authentication_error_naming_the_fix()
    {
        var source = new SuppliedTokenSource(new AccessToken("tok-VALUE", TestClock.Start.AddMinutes(-1)), _clock);
        var error = await Assert.ThrowsAsync<GenesysApiException>(() => source.GetAsync(CancellationToken.None));
        Assert.Equal(GenesysErrorKind.Authentication, error.Kind);
        Assert.Equal("GenesysConvo.AccessTokenExpired", error.ErrorId);
        Assert.Contains("Connect-GenesysCloud -AccessToken", error.Message);
        Assert.Contains("expired", error.Message);
        Assert.DoesNotContain("tok-VALUE", error.Message);
    }

    [Fact]
    public async Task The_token_expires_exactly_at_its_expiry()
    {
        var source = new SuppliedTokenSource(new AccessToken("tok", TestClock.Start.AddMinutes(10)), _clock);
        Assert.Equal("tok", (await source.GetAsync(CancellationToken.None)).Value);
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Assert.ThrowsAsync<GenesysApiException>(() => source.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Near_expiry_warns_once()
    {
        var observer = new RecordingObserver();
        OperationContext.Use(observer);
        try
        {
            var source = new SuppliedTokenSource(new AccessToken("tok-VALUE", TestClock.Start.AddMinutes(10)), _clock);
            await source.GetAsync(CancellationToken.None);
            Assert.Empty(observer.Warnings);   // 10 min left: outside the 5 min window

            _clock.Advance(TimeSpan.FromMinutes(6));
            await source.GetAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(1));
            await source.GetAsync(CancellationToken.None);
            await source.GetAsync(CancellationToken.None);
        }
        finally
        {
            OperationContext.Use(null);
        }
        var warning = Assert.Single(observer.Warnings);
        Assert.Contains("expires in 240 s", warning);
        Assert.Contains("Connect-GenesysCloud -AccessToken", warning);
        Assert.DoesNotContain("tok-VALUE", warning);
    }

    [Fact]
    public async Task A_token_without_expiry_never_warns_and_cannot_be_renewed()
    {
        var observer = new RecordingObserver();
        OperationContext.Use(observer);
        try
        {
            var token = new AccessToken("tok", null);
            var source = new SuppliedTokenSource(token, _clock);
            _clock.Advance(TimeSpan.FromDays(3));
            Assert.Same(token, await source.GetAsync(CancellationToken.None));
            source.Invalidate(token);
            Assert.Same(token, await source.GetAsync(CancellationToken.None));
            Assert.False(source.CanRenew);
            Assert.Equal(GenesysAuthenticationKind.AccessToken, source.Kind);
        }
        finally
        {
            OperationContext.Use(null);
        }
        Assert.Empty(observer.Warnings);
    }
}
