using System.Net;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The rate-limit pacer on a fake clock: how long each next request waits for what the inin-ratelimit-* headers
/// said (docs/genesys-api.md §7.1).</summary>
public class RateLimitPacerTests
{
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(180);
    private readonly TestClock _clock = new();

    private RateLimitPacer Pacer() => new(_clock, s_longestWait);

    [Fact]
    public void Without_rate_limit_headers_no_request_waits()
    {
        var pacer = Pacer();
        for (var i = 0; i < 1000; i++) Assert.Equal((TimeSpan.Zero, true), pacer.TakeTurn());
        Assert.Null(pacer.Remaining);
    }

    [Fact]
    public void While_plenty_is_left_requests_go_at_once()
    {
        var pacer = Pacer();
        pacer.Observe(count: 10, allowed: 300, TimeSpan.FromSeconds(50));
        // 300 - 10 - 30 (the paced tenth) go at once.
        for (var i = 0; i < 260; i++) Assert.Equal((TimeSpan.Zero, true), pacer.TakeTurn());
        Assert.Equal(30, pacer.Remaining);
        Assert.True(pacer.TakeTurn().Wait > TimeSpan.Zero);
    }

    [Fact]
    public void The_last_tenth_is_spread_evenly_up_to_the_reset()
    {
        var pacer = Pacer();
        pacer.Observe(count: 280, allowed: 300, TimeSpan.FromSeconds(40));
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var (wait, admitted) = pacer.TakeTurn();
            Assert.True(admitted);
            waits.Add(wait);
        }
        // Turns about 2 s apart (40 s / 19 after the first), each counted from the previous turn: none after the reset.
        Assert.Equal(TimeSpan.Zero, waits[0]);
        Assert.All(waits.Zip(waits.Skip(1)), pair => Assert.InRange((pair.Second - pair.First).TotalSeconds, 2.0, 2.2));
        Assert.InRange(waits[^1].TotalSeconds, 38, 40);
        Assert.Equal(0, pacer.Remaining);
    }

    [Fact]
    public void With_nothing_left_the_next_request_waits_for_the_reset()
    {
        var pacer = Pacer();
        pacer.Observe(count: 300, allowed: 300, TimeSpan.FromSeconds(30));
        var (wait, admitted) = pacer.TakeTurn();
        Assert.False(admitted);
        Assert.Equal(TimeSpan.FromSeconds(31), wait);   // the reset and a second's margin
        _clock.Advance(wait);
        Assert.Equal((TimeSpan.Zero, true), pacer.TakeTurn());
        Assert.Null(pacer.Remaining);   // a new window: the next answer describes it
    }

    [Fact]
    public void Requests_let_go_count_until_the_next_answer()
    {
        var pacer = Pacer();
        pacer.Observe(count: 250, allowed: 300, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 20; i++) Assert.Equal((TimeSpan.Zero, true), pacer.TakeTurn());
        // 20 requests in flight: an answer sent before they arrived says 251, the pacer keeps 270.
        pacer.Observe(count: 251, allowed: 300, TimeSpan.FromSeconds(59));
        Assert.Equal(30, pacer.Remaining);
        // Another client of the same token used more: the server's count wins.
        pacer.Observe(count: 290, allowed: 300, TimeSpan.FromSeconds(59));
        Assert.Equal(10, pacer.Remaining);
    }

    [Fact]
    public void A_late_answer_from_the_window_before_is_ignored_and_a_new_window_replaces_the_old()
    {
        var pacer = Pacer();
        pacer.Observe(count: 5, allowed: 300, TimeSpan.FromSeconds(60));
        pacer.Observe(count: 299, allowed: 300, TimeSpan.FromSeconds(1));   // sent before the reset, read after
        Assert.Equal(295, pacer.Remaining);
        _clock.Advance(TimeSpan.FromSeconds(30));
        // A renewed token starts its own window: a reset later than the known one is a new window.
        pacer.Observe(count: 1, allowed: 180, TimeSpan.FromSeconds(60));
        Assert.Equal(179, pacer.Remaining);
    }

    [Fact]
    public void A_reset_longer_than_the_longest_wait_is_left_to_the_api()
    {
        var pacer = Pacer();
        pacer.Observe(count: 300, allowed: 300, TimeSpan.FromHours(1));
        Assert.Equal((TimeSpan.Zero, true), pacer.TakeTurn());
    }

    [Fact]
    public async Task The_handler_holds_a_request_until_the_reset_when_an_answer_says_none_are_left()
    {
        var api = new FakeHttp()
            .Respond(HttpStatusCode.OK, "{}", RateLimit(count: 300, allowed: 300, resetSeconds: 20))
            .Respond(HttpStatusCode.OK, "{}", RateLimit(count: 1, allowed: 300, resetSeconds: 60));
        var pacer = Pacer();
        using var client = new HttpClient(new RateLimitPacingHandler(pacer) { InnerHandler = api });

        using (await client.GetAsync("https://api.example.test/api/v2/users").Guarded()) { }
        var second = client.GetAsync("https://api.example.test/api/v2/users");
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(21));
        Assert.Equal(1, api.Count);
        _clock.Advance(TimeSpan.FromSeconds(21));
        using (await second.Guarded()) { }
        Assert.Equal(2, api.Count);
        Assert.Equal(299, pacer.Remaining);
    }

    [Fact]
    public async Task A_wait_for_a_turn_is_cancellable()
    {
        var pacer = Pacer();
        pacer.Observe(count: 300, allowed: 300, TimeSpan.FromSeconds(50));
        using var cancel = new CancellationTokenSource();
        var waiting = pacer.WaitTurnAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static Action<HttpResponseMessage> RateLimit(int count, int allowed, int resetSeconds) => response =>
    {
        Responses.Header("inin-ratelimit-count", count.ToString())(response);
        Responses.Header("inin-ratelimit-allowed", allowed.ToString())(response);
        Responses.Header("inin-ratelimit-reset", resetSeconds.ToString())(response);
    };
}
