using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Notifications;

/// <summary>Reads one socket until it must be replaced (docs/genesys-api.md §10.2): heartbeats and pongs only keep it
/// alive, a topic's message is handed on, silence gets a ping and silence after the ping ends the socket, socket_closing
/// ends it (same channel), a {"result":"404"} or the renewal time ends the channel.</summary>
internal sealed class SocketReader
{
    private const string PingMessage = "{\"message\":\"ping\"}";
    private const string ChannelMetadata = "channel.metadata";
    private const string SocketClosing = "v2.system.socket_closing";

    private readonly NotificationStream.ChannelWorker _worker;
    private readonly INotificationSocket _socket;
    private readonly Channel _channel;

    public SocketReader(NotificationStream.ChannelWorker worker, INotificationSocket socket, Channel channel)
    {
        _worker = worker;
        _socket = socket;
        _channel = channel;
    }

    private NotificationStreamOptions Options => _worker.StreamOptions;

    public async Task<(string Reason, bool KeepChannel)> ReadAsync(CancellationToken cancellationToken)
    {
        var pending = _socket.ReceiveAsync(cancellationToken);
        var pinged = false;
        try
        {
            while (true)
            {
                var now = Options.Time.GetUtcNow();
                var renewAt = _worker.RenewAt(_channel);
                if (now >= renewAt) return ("the channel or its token expires soon", false);
                var wait = pinged ? Options.PongTimeout : Options.QuietAfter;
                if (renewAt - now < wait) wait = renewAt - now;
                if (!await ArrivesWithinAsync(pending, wait, cancellationToken).ConfigureAwait(false))
                {
                    if (Options.Time.GetUtcNow() >= renewAt) continue;
                    if (pinged) return ($"no answer to a ping within {Durations.Describe(Options.PongTimeout)}", true);
                    OperationContext.Observer.Verbose(
                        $"Notifications {_worker.Name}: nothing for {Durations.Describe(Options.QuietAfter)}; ping.");
                    await _socket.SendAsync(PingMessage, cancellationToken).ConfigureAwait(false);
                    pinged = true;
                    continue;
                }

                var text = await pending.ConfigureAwait(false);
                if (text == null) return ("the server closed the socket", true);
                pinged = false;
                pending = _socket.ReceiveAsync(cancellationToken);
                var outcome = await DispatchAsync(text, cancellationToken).ConfigureAwait(false);
                if (outcome != null) return outcome.Value;
            }
        }
        finally
        {
            Observe(pending);
        }
    }

    /// <summary>Handles one message; a reason when the socket (or channel) must be left.</summary>
    private async Task<(string, bool)?> DispatchAsync(string text, CancellationToken cancellationToken)
    {
        NotificationMessage? message;
        try { message = JsonSerializer.Deserialize(text, ApiJson.Default.NotificationMessage); }
        catch (JsonException) { message = null; }
        if (message == null)
        {
            OperationContext.Observer.Debug($"Notifications {_worker.Name}: ignored a message that is not JSON.");
            return null;
        }

        if (message.Result == "404") return ($"the channel is gone ({message.Message})", false);
        var topic = message.TopicName ?? "";
        if (string.Equals(topic, ChannelMetadata, StringComparison.OrdinalIgnoreCase)) return null;
        if (string.Equals(topic, SocketClosing, StringComparison.OrdinalIgnoreCase)) return ("socket_closing (maintenance)", true);
        if (topic.StartsWith("v2.system.", StringComparison.OrdinalIgnoreCase))
        {
            OperationContext.Observer.Verbose($"Notifications {_worker.Name}: system message {topic}.");
            return null;
        }

        if (topic.Length == 0) return null; // an answer to a socket request; the stream sends none
        var body = message.EventBody.ValueKind == JsonValueKind.Undefined ? "{}" : message.EventBody.GetRawText();
        var item = new NotificationItem { Kind = NotificationItemKind.Event, Topic = topic, Body = body };
        await _worker.HandOverAsync(item, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task<bool> ArrivesWithinAsync(Task<string?> pending, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (pending.IsCompleted) return true;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Options.Time.DelayAsync(wait, timer.Token);
        var first = await Task.WhenAny(pending, delay).ConfigureAwait(false);
        timer.Cancel();
        Observe(delay);
        cancellationToken.ThrowIfCancellationRequested();
        return first == pending;
    }

    /// <summary>A receive left behind fails when its socket is disposed: nobody waits for it, so its failure is observed here.</summary>
    private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, CancellationToken.None,
        TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
