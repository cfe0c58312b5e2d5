using System.Net;
using System.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>A token source that hands out tok-1, tok-2 … and counts what is asked of it.</summary>
internal sealed class CountingTokenSource : ITokenSource
{
    private int _issued;
    private AccessToken? _current;
    public bool Renewable { get; init; } = true;
    public List<AccessToken> Invalidated { get; } = new();
    public int Issued => _issued;

    public GenesysAuthenticationKind Kind => GenesysAuthenticationKind.ClientCredentials;
    public bool CanRenew => Renewable;
    public DateTimeOffset? ExpiresAt => null;

    public Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        lock (this)
        {
            if (_current is null || Invalidated.Contains(_current))
                _current = new AccessToken("tok-" + Interlocked.Increment(ref _issued), null);
            return Task.FromResult(_current);
        }
    }

    public void Invalidate(AccessToken rejected)
    {
        lock (this) Invalidated.Add(rejected);
    }
}

public class BearerTokenHandlerTests
{
    private readonly FakeHttp _api = new();
    private readonly CountingTokenSource _tokens = new();

    private HttpClient Client(ITokenSource? tokens = null) =>
        new(new BearerTokenHandler(tokens ?? _tokens) { InnerHandler = _api }) { Timeout = Timeout.InfiniteTimeSpan };

    [Fact]
    public async Task Puts_the_bearer_token_on_the_request()
    {
        _api.Respond(HttpStatusCode.OK);
        using var response = await Client().GetAsync("https://api.example.test/api/v2/users/me").Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer tok-1", Assert.Single(_api.Seen).Authorization);
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_sends_again()
    {
        _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK, "{\"ok\":1}");
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v2/x")
        {
            Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"),
        };
        using var response = await Client().SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-2" }, _api.Seen.Select(s => s.Authorization).ToArray());
        Assert.All(_api.Seen, s => Assert.Equal("{\"a\":1}", s.BodyText));
        Assert.All(_api.Seen, s => Assert.Equal("application/json; charset=utf-8", s.ContentType));
        Assert.Equal("tok-1", Assert.Single(_tokens.Invalidated).Value);
    }

    [Fact]
    public async Task A_second_401_is_returned_without_a_third_try()
    {
        _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK);
        using var response = await Client().GetAsync("https://api.example.test/api/v2/x").Guarded();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, _api.Count);
        Assert.Equal(2, _tokens.Issued);
    }

    [Fact]
    public async Task A_token_that_cannot_be_renewed_is_not_retried()
    {
        var supplied = new CountingTokenSource { Renewable = false };
        _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK);
        using var response = await Client(supplied).GetAsync("https://api.example.test/api/v2/x").Guarded();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _api.Count);
        Assert.Empty(supplied.Invalidated);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Other_failures_do_not_renew(HttpStatusCode status)
    {
        _api.Respond(status).Respond(HttpStatusCode.OK);
        using var response = await Client().GetAsync("https://api.example.test/api/v2/x").Guarded();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, _api.Count);
        Assert.Empty(_tokens.Invalidated);
    }

    [Fact]
    public async Task The_renewal_is_told_to_the_observer_without_the_token()
    {
        var observer = new RecordingObserver();
        OperationContext.Use(observer);
        try
        {
            _api.Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK);
            using var response = await Client().GetAsync("https://api.example.test/api/v2/x").Guarded();
        }
        finally
        {
            OperationContext.Use(null);
        }
        Assert.Contains(observer.VerboseMessages, m => m.Contains("401"));
        Assert.DoesNotContain(observer.All, m => m.Contains("tok-1") || m.Contains("tok-2"));
    }

    [Fact]
    public async Task Behind_the_resilience_handler_every_attempt_carries_a_token_and_a_401_is_not_a_retry()
    {
        var clock = new TestClock();
        var client = new HttpClient(new ResilienceHandler(new RetryOptions { BaseDelay = TimeSpan.Zero }, clock)
        {
            InnerHandler = new BearerTokenHandler(_tokens) { InnerHandler = _api },
        });
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.Unauthorized).Respond(HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/api/v2/x");
        var trace = new RequestTrace();
        trace.AttachTo(request);
        using var response = await client.SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "Bearer tok-1", "Bearer tok-1", "Bearer tok-2" }, _api.Seen.Select(s => s.Authorization).ToArray());
        Assert.Equal(2, trace.Attempts);
    }
}
