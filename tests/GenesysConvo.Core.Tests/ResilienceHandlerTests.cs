using System.Net;
using System.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The retry pipeline against a fake terminal handler and a fake clock.</summary>
public class ResilienceHandlerTests
{
    private readonly TestClock _clock = new();
    private readonly FakeHttp _api = new();

    private HttpClient Client(RetryOptions options) =>
        new(new ResilienceHandler(options, _clock) { InnerHandler = _api }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>No backoff delay: for tests about what is retried rather than how long it waits.</summary>
    private static RetryOptions Immediate(int maxRetryCount = 5) => new() { MaxRetryCount = maxRetryCount, BaseDelay = TimeSpan.Zero };

    private static (HttpRequestMessage Request, RequestTrace Trace) Get(string path = "/api/v2/users")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test" + path);
        var trace = new RequestTrace();
        trace.AttachTo(request);
        return (request, trace);
    }

    [Fact]
    public async Task Two_503s_then_200_takes_three_attempts()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK, "{\"ok\":true}");
        var (request, trace) = Get();
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, trace.Attempts);
        Assert.Equal(3, _api.Count);
        Assert.Null(trace.GaveUpBecause);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData((HttpStatusCode)429)]
    public void Transient_statuses(HttpStatusCode status)
    {
        Assert.True(ResilienceHandler.IsTransientStatus(status));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public async Task Client_errors_and_500_are_not_retried(HttpStatusCode status)
    {
        _api.Respond(status, "{\"message\":\"no\"}").Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(1, trace.Attempts);
        Assert.Equal(1, _api.Count);
    }

    [Fact]
    public async Task A_500_is_retried_when_the_request_is_idempotent_and_a_501_never()
    {
        _api.Respond(HttpStatusCode.InternalServerError).Respond(HttpStatusCode.OK, "{}")
            .Respond(HttpStatusCode.NotImplemented).Respond(HttpStatusCode.OK, "{}");
        var (request, trace) = Get();
        trace.Idempotent = true;
        using var retried = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(2, trace.Attempts);

        var (again, againTrace) = Get();
        againTrace.Idempotent = true;
        using var notImplemented = await Client(Immediate()).SendAsync(again).Guarded();
        Assert.Equal(HttpStatusCode.NotImplemented, notImplemented.StatusCode);
        Assert.Equal(1, againTrace.Attempts);
    }

    [Theory]
    [InlineData("<html>proxy</html>")]
    [InlineData("{\"totalHits\": 3, \"conversations\": [")]
    [InlineData("")]
    public async Task A_success_that_is_not_JSON_is_retried_when_JSON_is_expected(string body)
    {
        _api.Respond(HttpStatusCode.OK, body).Respond(HttpStatusCode.OK, "{\"ok\":true}");
        var (request, trace) = Get();
        trace.ExpectsJson = true;
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal("{\"ok\":true}", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, trace.Attempts);
        Assert.False(trace.UnreadableBody);
    }

    [Fact]
    public async Task A_success_that_is_not_JSON_passes_when_no_JSON_is_expected()
    {
        _api.Respond(HttpStatusCode.OK, "plain text");
        var (request, trace) = Get();
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal("plain text", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, trace.Attempts);
    }

    [Fact]
    public async Task Backoff_doubles_with_jitter_below_the_ceiling()
    {
        _api.Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.GatewayTimeout).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1) };
        using var response = await _clock.DriveAsync(Client(options).SendAsync(request), TimeSpan.FromMilliseconds(100));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, trace.Attempts);
        var waits = _clock.Waits;
        Assert.Equal(3, waits.Count);
        // full jitter in the upper half: [ceiling/2, ceiling] with ceiling 1 s, 2 s, 4 s
        for (var i = 0; i < 3; i++)
        {
            var ceiling = TimeSpan.FromSeconds(Math.Pow(2, i));
            Assert.InRange(waits[i], ceiling / 2, ceiling);
        }
        // timers keep whole milliseconds; the trace keeps the exact delays
        Assert.InRange(trace.Waited - (waits[0] + waits[1] + waits[2]), TimeSpan.FromMilliseconds(-3), TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public async Task Backoff_never_exceeds_the_longest_wait()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var options = new RetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1.5) };
        using var response = await _clock.DriveAsync(Client(options).SendAsync(request), TimeSpan.FromMilliseconds(100));
        Assert.Equal(4, trace.Attempts);
        Assert.All(_clock.Waits, w => Assert.True(w <= TimeSpan.FromSeconds(1.5), w.ToString()));
    }

    [Fact]
    public async Task A_429_waits_exactly_what_Retry_After_says()
    {
        _api.Respond((HttpStatusCode)429, "{\"message\":\"Rate limit exceeded\"}", Responses.RetryAfter(2)).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var send = Client(new RetryOptions()).SendAsync(request);

        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, _api.Count);
        _clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(20);
        Assert.Equal(1, _api.Count);
        Assert.False(send.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, trace.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(2), trace.Waited);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, _clock.Waits);
    }

    [Fact]
    public async Task A_503_with_Retry_After_as_a_date_waits_until_then()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable, null, Responses.RetryAfter(TestClock.Start.AddSeconds(7))).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var send = Client(new RetryOptions()).SendAsync(request);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        _clock.Advance(TimeSpan.FromSeconds(7));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), trace.Waited);
    }

    [Fact]
    public async Task A_429_without_Retry_After_waits_the_default()
    {
        _api.Respond((HttpStatusCode)429).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var send = Client(new RetryOptions { DefaultRetryAfter = TimeSpan.FromSeconds(3) }).SendAsync(request);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        _clock.Advance(TimeSpan.FromSeconds(3));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), trace.Waited);
    }

    [Fact]
    public async Task Retry_After_longer_than_the_longest_wait_is_not_retried_and_says_why()
    {
        _api.Respond((HttpStatusCode)429, "{\"message\":\"daily limit\"}", Responses.RetryAfter(3600)).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var response = await Client(new RetryOptions { MaxDelay = TimeSpan.FromSeconds(180) }).SendAsync(request).Guarded();
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(1, trace.Attempts);
        Assert.Equal(1, _api.Count);
        Assert.Equal(TimeSpan.Zero, trace.Waited);
        Assert.NotNull(trace.GaveUpBecause);
        Assert.Contains("3600 s", trace.GaveUpBecause);
        Assert.Contains("180 s", trace.GaveUpBecause);
        Assert.Empty(_clock.Waits);
    }

    [Fact]
    public async Task A_wait_past_the_total_duration_is_not_started()
    {
        _api.Respond((HttpStatusCode)429, null, Responses.RetryAfter(8)).Respond((HttpStatusCode)429, null, Responses.RetryAfter(8)).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var send = Client(new RetryOptions { MaxDuration = TimeSpan.FromSeconds(10) }).SendAsync(request);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(8));
        _clock.Advance(TimeSpan.FromSeconds(8));
        using var response = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(2, trace.Attempts);
        Assert.Contains("time allowed for one request", trace.GaveUpBecause);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_response_is_returned()
    {
        for (var i = 1; i <= 4; i++)
            _api.Respond(HttpStatusCode.ServiceUnavailable, $"{{\"attempt\":{i}}}", Responses.Header("X-Attempt", i.ToString()));
        _api.Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var response = await Client(Immediate(maxRetryCount: 3)).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("4", response.Headers.GetValues("X-Attempt").Single());
        Assert.Equal("{\"attempt\":4}", await response.Content.ReadAsStringAsync());
        Assert.Equal(4, trace.Attempts);
        Assert.Equal(4, _api.Count);
    }

    [Fact]
    public async Task Zero_retries_means_one_attempt()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var response = await Client(Immediate(maxRetryCount: 0)).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, trace.Attempts);
        Assert.Equal(1, _api.Count);
    }

    [Fact]
    public async Task Network_failures_are_retried()
    {
        _api.Throw(new HttpRequestException("Connection refused")).Throw(new IOException("reset")).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, trace.Attempts);
    }

    [Fact]
    public async Task Persistent_network_failure_throws_the_last_exception()
    {
        var (request, trace) = Get();
        for (var i = 0; i < 3; i++) _api.Throw(new HttpRequestException("refused " + i));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(Immediate(maxRetryCount: 2)).SendAsync(request).Guarded());
        Assert.Equal("refused 2", error.Message);
        Assert.Equal(3, trace.Attempts);
    }

    [Fact]
    public async Task Other_exceptions_are_not_retried()
    {
        _api.Throw(new InvalidOperationException("bug")).Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Client(Immediate()).SendAsync(request).Guarded());
        Assert.Equal(1, trace.Attempts);
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        _api.Hang().Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        var options = new RetryOptions { BaseDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(10) };
        using var response = await _clock.DriveAsync(Client(options).SendAsync(request), TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, trace.Attempts);
    }

    [Fact]
    public async Task Cancellation_stops_a_wait()
    {
        _api.Respond((HttpStatusCode)429, null, Responses.RetryAfter(60)).Respond(HttpStatusCode.OK);
        var (request, _) = Get();
        using var cancel = new CancellationTokenSource();
        var send = Client(new RetryOptions()).SendAsync(request, cancel.Token);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(60));
        cancel.Cancel();
        // Fake time never moves: only the cancellation can end the wait.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, _api.Count);
    }

    [Fact]
    public async Task Cancellation_during_an_attempt_is_not_retried()
    {
        _api.Hang().Respond(HttpStatusCode.OK);
        var (request, trace) = Get();
        using var cancel = new CancellationTokenSource();
        var send = Client(Immediate()).SendAsync(request, cancel.Token);
        await Eventually.TrueAsync(() => _api.Count == 1, "the first attempt");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, _api.Count);
        Assert.Equal(1, trace.Attempts);
    }

    [Fact]
    public async Task The_body_is_sent_again_identically_on_each_attempt()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.OK);
        const string json = "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"name\":\"Zoë\"}";
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v2/analytics/conversations/details/query")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        using var response = await Client(Immediate()).SendAsync(request).Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, _api.Count);
        Assert.All(_api.Seen, seen =>
        {
            Assert.Equal(HttpMethod.Post, seen.Method);
            Assert.Equal("/api/v2/analytics/conversations/details/query", seen.Uri.AbsolutePath);
            Assert.Equal(json, seen.BodyText);
            Assert.Equal("application/json; charset=utf-8", seen.ContentType);
        });
    }

    [Fact]
    public async Task Each_retry_is_told_to_the_observer()
    {
        var observer = new RecordingObserver();
        OperationContext.Use(observer);
        try
        {
            _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
            var (request, _) = Get();
            using var response = await Client(Immediate()).SendAsync(request).Guarded();
        }
        finally
        {
            OperationContext.Use(null);
        }
        var message = Assert.Single(observer.VerboseMessages);
        Assert.StartsWith("Retry 1 after 503 Service Unavailable: waiting 0 ms", message);
    }

    [Fact]
    public async Task A_request_without_a_trace_still_works()
    {
        _api.Respond(HttpStatusCode.ServiceUnavailable).Respond(HttpStatusCode.OK);
        using var response = await Client(Immediate()).GetAsync("https://api.example.test/api/v2/users").Guarded();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _api.Count);
    }

    [Fact]
    public void The_default_options_build_a_pipeline()
    {
        var options = new RetryOptions();
        options.Validate();
        using var handler = new ResilienceHandler(options, _clock);
    }

    [Fact]
    public void Validate_refuses_durations_the_retry_pipeline_cannot_take()
    {
        foreach (var options in new[]
                 {
                     new RetryOptions { MaxDuration = TimeSpan.FromDays(2) },
                     new RetryOptions { AttemptTimeout = TimeSpan.FromDays(2) },
                     new RetryOptions { AttemptTimeout = TimeSpan.FromMilliseconds(1) },
                 })
        {
            Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        }
    }

    [Fact]
    public void Every_option_set_that_passes_Validate_builds_a_pipeline()
    {
        foreach (var options in new[]
                 {
                     new RetryOptions { MaxDuration = TimeSpan.FromDays(1), AttemptTimeout = TimeSpan.FromDays(1) },
                     new RetryOptions { MaxDuration = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromMilliseconds(10), BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero },
                     new RetryOptions { MaxRetryCount = 0 },
                 })
        {
            options.Validate();
            using var handler = new ResilienceHandler(options, _clock);
        }
    }
}
