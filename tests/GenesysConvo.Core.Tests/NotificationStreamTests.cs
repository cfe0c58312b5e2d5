using System.Collections.Concurrent;
using System.Net.WebSockets;
using GenesysConvo.Core.Notifications;
using Xunit;
using Inbox = System.Threading.Channels.Channel;

namespace GenesysConvo.Core.Tests;

/// <summary>The channel manager through fake boundaries (REST channels, sockets) and fake time: docs/genesys-api.md §10.6.</summary>
public sealed class NotificationStreamTests
{
    private const string Queue = "v2.routing.queues.11111111-1111-1111-1111-111111111111.conversations";
    private const string Heartbeat = "{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"WebSocket Heartbeat\"}}";

    private static string Event(string id) => $"{{\"topicName\":\"{Queue}\",\"version\":\"2\",\"eventBody\":{{\"id\":\"{id}\"}}}}";

    [Fact]
    public async Task Hands_on_topic_messages_in_order_skips_heartbeats_and_removes_subscriptions_on_stop()
    {
        await using var run = new StreamRun();
        var socket = await run.SocketAsync(0);
        socket.Push(Event("a"), Heartbeat, Event("b"));
        await run.ItemsAsync(2);
        Assert.Equal(new[] { "{\"id\":\"a\"}", "{\"id\":\"b\"}" }, run.Items.Select(i => i.Body));
        Assert.Equal(new[] { Queue }, run.Channels.Subscribed["ch1"]);
        await run.StopAsync();
        Assert.Equal(new[] { "ch1" }, run.Channels.Unsubscribed);
    }

    [Fact]
    public async Task Socket_closing_reconnects_to_the_same_channel_and_marks_a_gap()
    {
        await using var run = new StreamRun();
        (await run.SocketAsync(0)).Push("{\"topicName\":\"v2.system.socket_closing\",\"eventBody\":{}}");
        var second = await run.SocketAsync(1);
        second.Push(Event("c"));
        await run.ItemsAsync(2);
        Assert.Equal(NotificationItemKind.Gap, run.Items[0].Kind);
        Assert.Contains("socket_closing", run.Items[0].Reason);
        Assert.Equal(new[] { "ch1" }, run.Channels.Created);
        Assert.Equal(run.Sockets[0].Uri, second.Uri);
    }

    [Fact]
    public async Task A_dropped_socket_reconnects_and_marks_a_gap()
    {
        await using var run = new StreamRun();
        (await run.SocketAsync(0)).Fail();
        (await run.SocketAsync(1)).Push(Event("d"));
        await run.ItemsAsync(2);
        Assert.Equal(new[] { NotificationItemKind.Gap, NotificationItemKind.Event }, run.Items.Select(i => i.Kind));
        Assert.Equal(new[] { "ch1" }, run.Channels.Created);
    }

    [Fact]
    public async Task A_channel_that_is_gone_is_replaced_by_a_new_one_with_the_same_topics()
    {
        await using var run = new StreamRun();
        run.Channels.Dead.Add("ch1");
        (await run.SocketAsync(0)).Push("{\"result\":\"404\",\"message\":\"Channel expired.\"}");
        (await run.SocketAsync(1)).Push(Event("e"));
        await run.ItemsAsync(2);
        Assert.Equal(new[] { "ch1", "ch2" }, run.Channels.Created);
        Assert.Equal(new[] { Queue }, run.Channels.Subscribed["ch2"]);
        Assert.Equal(NotificationItemKind.Gap, run.Items[0].Kind);
    }

    [Fact]
    public async Task Quiet_socket_gets_a_ping_and_is_replaced_when_nothing_answers()
    {
        await using var run = new StreamRun();
        var socket = await run.SocketAsync(0);
        await run.Clock.WaitForTimerAsync(run.Options.QuietAfter);
        run.Clock.Advance(run.Options.QuietAfter);
        await Eventually.TrueAsync(() => socket.Sent.Contains("{\"message\":\"ping\"}"), "a ping after the quiet time");
        await run.Clock.WaitForTimerAsync(run.Options.PongTimeout);
        run.Clock.Advance(run.Options.PongTimeout);
        await run.SocketAsync(1);
        await run.ItemsAsync(1);
        Assert.Contains("no answer to a ping", run.Items[0].Reason);
        Assert.Equal(new[] { "ch1" }, run.Channels.Created);
    }

    [Fact]
    public async Task Renews_the_channel_before_its_token_expires_then_drops_the_old_subscriptions()
    {
        // Renewal is due 30 s in: before the first ping would be.
        await using var run = new StreamRun(tokenLifetime: TimeSpan.FromSeconds(150));
        await run.SocketAsync(0);
        var renewAt = TimeSpan.FromSeconds(150) - run.Options.RenewBeforeTokenExpiry;
        await run.Clock.WaitForTimerAsync(renewAt);
        run.Clock.Advance(renewAt);
        await run.SocketAsync(1);
        await run.ItemsAsync(1);
        Assert.Equal(new[] { "ch1", "ch2" }, run.Channels.Created);
        Assert.Equal(1, run.Channels.TokenRenewals);
        await Eventually.TrueAsync(() => run.Channels.Unsubscribed.Contains("ch1"), "the old channel's subscriptions removed");
        Assert.Equal(NotificationItemKind.Gap, run.Items[0].Kind);
    }

    [Fact]
    public void Splits_topics_over_channels_of_a_thousand_and_refuses_more_than_twenty_channels_hold()
    {
        var topics = Enumerable.Range(0, 2500).Select(i => $"t{i}").ToList();
        Assert.Equal(new[] { 1000, 1000, 500 }, NotificationStream.Split(topics, 1000, 20).Select(g => g.Count));
        var tooMany = Assert.Throws<ArgumentException>(() => NotificationStream.Split(topics, 100, 20));
        Assert.Contains("2500 topics", tooMany.Message);
    }

    [Fact]
    public async Task Every_topic_rejected_fails_naming_the_topic_and_permission()
    {
        var channels = new FakeChannels(new TestClock(), TimeSpan.FromHours(24));
        channels.Rejected[Queue] = "conversation:communication:view";
        var stream = new NotificationStream(channels, () => new FakeSocket(), new NotificationStreamOptions());
        var e = await Assert.ThrowsAsync<GenesysApiException>(() => stream.RunAsync(new[] { Queue }, (_, _) => Task.CompletedTask,
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(GenesysErrorKind.PermissionDenied, e.Kind);
        Assert.Contains(Queue + " needs the permission conversation:communication:view", e.Message);
    }

    [Fact]
    public async Task Some_topics_rejected_are_reported_and_the_rest_streams()
    {
        const string other = "v2.users.22222222-2222-2222-2222-222222222222.conversations";
        await using var run = new StreamRun(topics: new[] { Queue, other }, rejected: other);
        (await run.SocketAsync(0)).Push(Event("f"));
        await run.ItemsAsync(2);
        Assert.Equal(NotificationItemKind.Rejected, run.Items[0].Kind);
        Assert.Equal(other, run.Items[0].Topic);
        Assert.Equal(new[] { "conversation:communication:view" }, run.Items[0].MissingPermissions);
    }

    /// <summary>A stream running in the background over fakes, with what it handed on.</summary>
    private sealed class StreamRun : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<NotificationItem> _items = new();
        private readonly Task _run;

        public StreamRun(TimeSpan? tokenLifetime = null, string[]? topics = null, string? rejected = null)
        {
            Channels = new FakeChannels(Clock, tokenLifetime ?? TimeSpan.FromHours(24));
            if (rejected != null) Channels.Rejected[rejected] = "conversation:communication:view";
            Options = new NotificationStreamOptions { Time = Clock };
            var stream = new NotificationStream(Channels, () => { var s = new FakeSocket(); Sockets.Add(s); return s; }, Options);
            _run = Task.Run(() => stream.RunAsync(topics ?? new[] { Queue }, (item, _) =>
            {
                _items.Enqueue(item);
                return Task.CompletedTask;
            }, _stop.Token));
        }

        public TestClock Clock { get; } = new();
        public FakeChannels Channels { get; }
        public NotificationStreamOptions Options { get; }
        public List<FakeSocket> Sockets { get; } = new();
        public IReadOnlyList<NotificationItem> Items => _items.ToArray();

        public async Task<FakeSocket> SocketAsync(int index)
        {
            await Eventually.TrueAsync(() => Sockets.Count > index && Sockets[index].Uri != null, $"socket {index} connected");
            return Sockets[index];
        }

        public Task ItemsAsync(int count) => Eventually.TrueAsync(() => _items.Count >= count, $"{count} items handed on");

        public async Task StopAsync()
        {
            _stop.Cancel();
            try { await _run.WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (OperationCanceledException) { /* stopped */ }
        }

        public async ValueTask DisposeAsync() => await StopAsync();
    }

    private sealed class FakeChannels : INotificationChannels
    {
        private readonly TestClock _clock;
        private readonly TimeSpan _tokenLifetime;
        private DateTimeOffset _tokenExpires;

        public FakeChannels(TestClock clock, TimeSpan tokenLifetime)
        {
            _clock = clock;
            _tokenLifetime = tokenLifetime;
            _tokenExpires = clock.GetUtcNow() + tokenLifetime;
        }

        public List<string> Created { get; } = new();
        public ConcurrentDictionary<string, IReadOnlyList<string>> Subscribed { get; } = new();
        public List<string> Unsubscribed { get; } = new();
        public HashSet<string> Dead { get; } = new();
        public Dictionary<string, string> Rejected { get; } = new();
        public int TokenRenewals { get; private set; }
        public DateTimeOffset? TokenExpiresAt => _tokenExpires;

        public Task<Channel> CreateAsync(CancellationToken cancellationToken)
        {
            var id = "ch" + (Created.Count + 1);
            Created.Add(id);
            return Task.FromResult(new Channel { Id = id, ConnectUri = "ws://fake/channels/" + id, Expires = _clock.GetUtcNow().AddHours(24) });
        }

        public Task<IReadOnlyList<ChannelTopic>> SubscribeAsync(string channelId, IReadOnlyList<string> topics, CancellationToken cancellationToken)
        {
            Subscribed[channelId] = topics.Where(t => !Rejected.ContainsKey(t)).ToList();
            return Task.FromResult<IReadOnlyList<ChannelTopic>>(topics.Select(t => Rejected.TryGetValue(t, out var permission)
                ? new ChannelTopic { Id = t, State = "Rejected", MissingPermissions = new List<string> { permission } }
                : new ChannelTopic { Id = t, State = "Permitted" }).ToList());
        }

        public Task UnsubscribeAsync(string channelId, CancellationToken cancellationToken)
        {
            lock (Unsubscribed) Unsubscribed.Add(channelId);
            return Task.CompletedTask;
        }

        public Task RenewTokenAsync(DateTimeOffset after, CancellationToken cancellationToken)
        {
            TokenRenewals++;
            _tokenExpires = _clock.GetUtcNow() + _tokenLifetime;
            return Task.CompletedTask;
        }
    }

    private sealed class FakeSocket : INotificationSocket
    {
        private readonly System.Threading.Channels.Channel<Func<string?>> _inbound = Inbox.CreateUnbounded<Func<string?>>();

        public Uri? Uri { get; private set; }
        public ConcurrentQueue<string> Sent { get; } = new();

        public void Push(params string[] messages)
        {
            foreach (var m in messages) _inbound.Writer.TryWrite(() => m);
        }

        public void Fail() => _inbound.Writer.TryWrite(() => throw new WebSocketException("The remote party closed the WebSocket connection without completing the close handshake."));

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
        {
            Uri = uri;
            return Task.CompletedTask;
        }

        public Task SendAsync(string text, CancellationToken cancellationToken)
        {
            Sent.Enqueue(text);
            return Task.CompletedTask;
        }

        public async Task<string?> ReceiveAsync(CancellationToken cancellationToken) =>
            (await _inbound.Reader.ReadAsync(cancellationToken))();

        public void Dispose() => _inbound.Writer.TryComplete();
    }
}
