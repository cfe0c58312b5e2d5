using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Notifications;

namespace GenesysConvo.Emulator.Endpoints.Notifications;

/// <summary>
/// The channel's WebSocket, ws://127.0.0.1:&lt;api port&gt;/channels/{id} (the real one is wss://streaming.&lt;domain&gt;/…, no
/// auth: the channel id is the capability, docs/genesys-api.md §10.1). 404 before the upgrade for a channel that is gone.
/// Answers {"message":"ping"} with a pong; {"message":"subscribe"|"unsubscribe","topics":[…],"correlationId":…} changes
/// the channel's topics (permitted ones only).
/// </summary>
public static class ChannelSocketEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.Map("/channels/{channelId}", Serve);

    private static async Task Serve(HttpContext ctx, string channelId, NotificationHub hub, RuntimeConfig config)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }

        if (hub.Find(channelId) is not { } channel)
        {
            ctx.Response.StatusCode = 404;
            return;
        }

        using var ws = await ctx.WebSockets.AcceptWebSocketAsync();
        var socket = new ChannelSocket(ws);
        await hub.AttachAsync(channel, socket);
        try
        {
            await ReceiveAsync(channel, socket, config, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the client went away
        }
        finally
        {
            hub.Detach(channel, socket);
        }
    }

    private static async Task ReceiveAsync(NotificationChannel channel, ChannelSocket socket, RuntimeConfig config,
        CancellationToken aborted)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (socket.Socket.State == WebSocketState.Open)
        {
            var result = await socket.Socket.ReceiveAsync(buffer, aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Bye.");
                return;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (!result.EndOfMessage) continue;
            var reply = Answer(channel, socket, config, text.ToString());
            text.Clear();
            if (reply is not null) await socket.SendAsync(reply);
        }
    }

    private static string? Answer(NotificationChannel channel, ChannelSocket socket, RuntimeConfig config, string message)
    {
        if (socket.Muted) return null;
        try
        {
            var root = JsonDocument.Parse(message).RootElement;
            var kind = root.TryGetProperty("message", out var m) ? m.GetString() : null;
            var correlationId = root.TryGetProperty("correlationId", out var c) ? c.GetString() : null;
            if (kind == "ping") return NotificationHub.Envelope("channel.metadata", new { message = "pong" });
            if (kind is "subscribe" or "unsubscribe" && root.TryGetProperty("topics", out var t) && t.ValueKind == JsonValueKind.Array)
            {
                var topics = t.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList();
                if (topics.Count == 0 || topics.Any(x => Topic.Parse(x) is null)) return Error(correlationId, "Invalid topics in request.");
                var permitted = topics.Where(x => !config.IsDenied(Topic.Parse(x)!.Permission)).ToList();
                if (kind == "unsubscribe") channel.RemoveTopics(topics);
                else if (channel.Topics.Union(permitted, StringComparer.OrdinalIgnoreCase).Count() > NotificationHub.MaxTopics)
                    return Error(correlationId, $"A channel holds at most {NotificationHub.MaxTopics} topics.");
                else channel.SetTopics(permitted, replace: false);
                return JsonSerializer.Serialize(new
                {
                    correlationId, topics = kind == "subscribe" ? permitted : topics, result = "200",
                    status = kind == "subscribe" ? "subscribed" : "unsubscribed"
                }, Json.Options);
            }

            return Error(correlationId, "Required data missing from subscribe request.");
        }
        catch (JsonException)
        {
            return Error(null, "The message is not JSON.");
        }
    }

    private static string Error(string? correlationId, string message)
        => JsonSerializer.Serialize(new { correlationId, topics = Array.Empty<string>(), result = "400", status = "error", message },
            Json.Options);
}
