using System.Net.WebSockets;
using System.Text;

namespace GenesysConvo.Emulator.Model.Notifications;

/// <summary>A notification channel: its topics, its emulated lifetime, the watermark up to which its events have been
/// computed (emulated time) and its WebSocket, if one is connected (one at a time, docs/genesys-api.md §10.3).</summary>
public sealed class NotificationChannel
{
    private readonly List<string> _topics = [];

    public NotificationChannel(string id, string clientKey, string tokenId, DateTimeOffset created)
    {
        Id = id;
        ClientKey = clientKey;
        TokenId = tokenId;
        Created = created;
        Expires = created.AddHours(24);
        Watermark = created;
        LastUsed = created;
    }

    public string Id { get; }
    /// <summary>Channels are counted per OAuth client (or user): 20 at most.</summary>
    public string ClientKey { get; }
    public string TokenId { get; }
    public DateTimeOffset Created { get; }
    public DateTimeOffset Expires { get; set; }
    public DateTimeOffset Watermark { get; set; }
    public DateTimeOffset LastUsed { get; set; }
    public ChannelSocket? Socket { get; set; }
    public int Connections { get; set; }

    public IReadOnlyList<string> Topics { get { lock (_topics) return _topics.ToList(); } }

    public void SetTopics(IEnumerable<string> topics, bool replace)
    {
        lock (_topics)
        {
            if (replace) _topics.Clear();
            foreach (var t in topics)
                if (!_topics.Contains(t, StringComparer.OrdinalIgnoreCase)) _topics.Add(t);
        }
    }

    public void RemoveTopics(IEnumerable<string> topics)
    {
        lock (_topics) _topics.RemoveAll(t => topics.Contains(t, StringComparer.OrdinalIgnoreCase));
    }
}

/// <summary>One connected WebSocket: sends are serialised; muted, it answers nothing and sends nothing (a silent
/// connection, for the client's ping watchdog); ClosingAt is when a socket_closing grace ends.</summary>
public sealed class ChannelSocket
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public ChannelSocket(WebSocket socket) => Socket = socket;

    public WebSocket Socket { get; }
    public bool Muted { get; set; }
    public DateTime LastSentUtc { get; private set; } = DateTime.UtcNow;
    public DateTime? ClosingAtUtc { get; set; }

    public async Task<bool> SendAsync(string text)
    {
        await _send.WaitAsync();
        try
        {
            if (Socket.State != WebSocketState.Open) return false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
            LastSentUtc = DateTime.UtcNow;
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _send.Release();
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _send.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await Socket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Socket.Abort();
        }
        finally
        {
            _send.Release();
        }
    }
}
