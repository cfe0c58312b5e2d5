using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Model.Notifications;

/// <summary>One event the emulator computed for a channel: sent on its socket (Delivered) or lost because none was
/// connected (the ground truth tests compare a client's stream with).</summary>
public sealed record EmittedEvent(long Seq, string ChannelId, string Topic, string ConversationId, DateTimeOffset EventTime,
    string? Step, bool Delivered);

/// <summary>
/// The notifications API's state: channels per OAuth client (20 at most, a 21st removes the least recently used, idle
/// first), their topics and sockets, and the pump (<see cref="TickAsync"/>) that, as emulated time moves, pushes each
/// change of the conversations the topics cover in time order, heartbeats every <see cref="HeartbeatInterval"/> (real
/// time), closes sockets whose socket_closing grace is over, and ends channels that expired or lost their token
/// (a {"result":"404"} message, then the close). docs/genesys-api.md §10.
/// </summary>
public sealed class NotificationHub
{
    public const int MaxChannels = 20;
    public const int MaxTopics = 1000;
    private const int MaxGroundTruth = 200_000;

    private readonly ConcurrentDictionary<string, NotificationChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmittedEvent> _emitted = new();
    private readonly SemaphoreSlim _tick = new(1, 1);
    private readonly ConversationTimelines _timelines;
    private readonly EmulatorClock _clock;
    private readonly TokenStore _tokens;
    private long _seq;

    public NotificationHub(ConversationTimelines timelines, EmulatorClock clock, TokenStore tokens)
    {
        _timelines = timelines;
        _clock = clock;
        _tokens = tokens;
    }

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyCollection<NotificationChannel> Channels => _channels.Values.OrderBy(c => c.Created).ToList();
    public IReadOnlyList<EmittedEvent> Emitted => _emitted.ToArray();

    public NotificationChannel Create(IssuedToken token)
    {
        var clientKey = token.Kind == TokenKind.User ? "user:" + token.UserId : "client";
        var now = _clock.Now;
        var mine = _channels.Values.Where(c => c.ClientKey == clientKey).ToList();
        if (mine.Count >= MaxChannels)
        {
            var oldest = mine.OrderBy(c => c.Socket is null ? 0 : 1).ThenBy(c => c.LastUsed).First();
            _ = EndAsync(oldest, "Channel was replaced by a newer channel.");
        }

        var id = "streaming-0-" + RandomId();
        return _channels[id] = new NotificationChannel(id, clientKey, token.TokenId, now);
    }

    public NotificationChannel? Find(string id, IssuedToken? by = null)
    {
        if (!_channels.TryGetValue(id, out var channel)) return null;
        if (by is not null && channel.ClientKey != (by.Kind == TokenKind.User ? "user:" + by.UserId : "client")) return null;
        return channel;
    }

    /// <summary>A new socket for the channel: the one connected before is closed (one socket per channel).</summary>
    public async Task AttachAsync(NotificationChannel channel, ChannelSocket socket)
    {
        var old = channel.Socket;
        channel.Socket = socket;
        channel.Connections++;
        channel.LastUsed = _clock.Now;
        if (old is not null) await old.CloseAsync(WebSocketCloseStatus.NormalClosure, "Another WebSocket connected to this channel.");
    }

    public void Detach(NotificationChannel channel, ChannelSocket socket)
    {
        if (ReferenceEquals(channel.Socket, socket)) channel.Socket = null;
    }

    /// <summary>Drops the channel's socket without a word (a network failure).</summary>
    public void Drop(NotificationChannel channel)
    {
        var socket = channel.Socket;
        channel.Socket = null;
        socket?.Socket.Abort();
    }

    /// <summary>Drops the channel's socket and moves the clock while none listens: what happens meanwhile is lost. One
    /// step under the tick lock, so a client that reconnects at once is not sent what the drop lost.</summary>
    public async Task DropAndAdvanceAsync(NotificationChannel channel, TimeSpan by)
    {
        await _tick.WaitAsync();
        try
        {
            await CatchUpAsync(channel, channel.Socket);
            Drop(channel);
            _clock.Advance(by);
            await CatchUpAsync(channel, socket: null);
        }
        finally
        {
            _tick.Release();
        }
    }

    private async Task CatchUpAsync(NotificationChannel channel, ChannelSocket? socket)
    {
        var now = _clock.Now;
        if (now <= channel.Watermark) return;
        await SendChangesAsync(channel, socket, channel.Watermark, now);
        channel.Watermark = now;
    }

    public async Task EndAsync(NotificationChannel channel, string message)
    {
        _channels.TryRemove(channel.Id, out _);
        if (channel.Socket is not { } socket) return;
        channel.Socket = null;
        await socket.SendAsync(JsonSerializer.Serialize(new { result = "404", message }, Json.Options));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, message);
    }

    public void Reset()
    {
        foreach (var channel in _channels.Values) Drop(channel);
        _channels.Clear();
        _emitted.Clear();
        HeartbeatInterval = TimeSpan.FromSeconds(30);
    }

    /// <summary>Brings every channel up to the emulated now (or only <paramref name="only"/>).</summary>
    public async Task TickAsync(NotificationChannel? only = null)
    {
        await _tick.WaitAsync();
        try
        {
            var now = _clock.Now;
            foreach (var channel in only is null ? Channels : [only])
            {
                if (now >= channel.Expires) await EndAsync(channel, "Channel expired.");
                else if (!_tokens.IsActive(channel.TokenId)) await EndAsync(channel, "The channel's access token expired or was revoked.");
                else await PumpAsync(channel, now);
            }
        }
        finally
        {
            _tick.Release();
        }
    }

    private async Task PumpAsync(NotificationChannel channel, DateTimeOffset now)
    {
        var socket = channel.Socket;
        if (socket is { ClosingAtUtc: { } closing } && DateTime.UtcNow >= closing)
        {
            Detach(channel, socket);
            await socket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Maintenance.");
            socket = null;
        }

        if (now < channel.Watermark) channel.Watermark = now; // the clock was set back: nothing happened "in between"
        if (now > channel.Watermark)
        {
            await SendChangesAsync(channel, socket, channel.Watermark, now);
            channel.Watermark = now;
        }

        if (socket is { Muted: false } && DateTime.UtcNow - socket.LastSentUtc >= HeartbeatInterval)
            await socket.SendAsync(Envelope("channel.metadata", new { message = "WebSocket Heartbeat" }));
    }

    private async Task SendChangesAsync(NotificationChannel channel, ChannelSocket? socket, DateTimeOffset from, DateTimeOffset to)
    {
        var topics = channel.Topics.Select(Topic.Parse).Where(t => t is not null).Select(t => t!).ToList();
        if (topics.Count == 0) return;
        var pending = new List<(DateTimeOffset At, Topic Topic, string ConversationId, string? Step, string Body)>();
        foreach (var k in _timelines.CandidatesIn(from, to))
        {
            var timeline = _timelines.Of(k);
            foreach (var change in timeline.Changes.Where(c => c.At > from && c.At <= to))
                foreach (var topic in topics.Where(t => t.Matches(change)))
                    pending.Add((change.At, topic, change.ConversationId, change.Step, change.BodyJson));
            foreach (var detail in timeline.Details.Where(d => d.At > from && d.At <= to))
                foreach (var topic in topics.Where(t => t.Matches(detail)))
                    pending.Add((detail.At, topic, detail.ConversationId, null, detail.BodyJson));
        }

        foreach (var e in pending.OrderBy(p => p.At))
        {
            var delivered = socket is { Muted: false } && await socket.SendAsync(Envelope(e.Topic.Name, e.Body));
            if (_emitted.Count >= MaxGroundTruth) _emitted.TryDequeue(out _);
            _emitted.Enqueue(new EmittedEvent(Interlocked.Increment(ref _seq), channel.Id, e.Topic.Name, e.ConversationId, e.At,
                e.Step, delivered));
        }
    }

    /// <summary>The WebSocket envelope (docs/genesys-api.md §10.2); body is an object or its JSON text.</summary>
    public static string Envelope(string topicName, object body)
    {
        var eventBody = body is string json ? JsonDocument.Parse(json).RootElement : JsonSerializer.SerializeToElement(body, Json.Options);
        return JsonSerializer.Serialize(new
        {
            topicName,
            version = "2",
            eventBody,
            metadata = new Dictionary<string, string> { ["CorrelationId"] = Guid.NewGuid().ToString("D") },
        }, Json.Options);
    }

    private static string RandomId()
    {
        const string alphabet = "abcdefghijklmnopqrstuv0123456789";
        return string.Concat(RandomNumberGenerator.GetBytes(26).Select(b => alphabet[b % alphabet.Length]));
    }
}

/// <summary>Runs the hub's pump every 100 ms of real time.</summary>
public sealed class NotificationPump(NotificationHub hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await hub.TickAsync(); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"emulator: notification pump: {ex}");
                }
            }
        }
        catch (OperationCanceledException) { /* stopping */ }
    }
}
