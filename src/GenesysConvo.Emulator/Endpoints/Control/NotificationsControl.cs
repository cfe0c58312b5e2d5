using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Notifications;

namespace GenesysConvo.Emulator.Endpoints.Control;

public sealed class ChannelAction
{
    /// <summary>drop/expire: then move the clock this far while no socket listens (those events are lost).</summary>
    public double? AdvanceSeconds { get; set; }
    /// <summary>closing: how long until the old socket is closed (default 60, as the real service allows).</summary>
    public double? GraceSeconds { get; set; }
}

public sealed class NotificationsConfig
{
    public double? HeartbeatSeconds { get; set; }
}

/// <summary>
/// GET /__emulator/notifications → {now, channels:[{id, topics, connected, connections, expires, tokenId}]};
/// GET /__emulator/notifications/events[?channelId=&amp;topic=] → ground truth: every event computed for a channel, oldest
/// first, with delivered false when no socket was there to take it;
/// POST /__emulator/notifications/channels/{id}/{drop|closing|expire|mute} {advanceSeconds?, graceSeconds?};
/// PUT /__emulator/notifications/config {heartbeatSeconds}.
/// </summary>
public static class NotificationsControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/notifications", (NotificationHub hub, EmulatorClock clock) => Results.Json(new
        {
            now = clock.Now,
            channels = hub.Channels.Select(c => new
            {
                id = c.Id, topics = c.Topics, connected = c.Socket is not null, connections = c.Connections, expires = c.Expires,
                tokenId = c.TokenId,
            }),
        }, Json.Options));
        control.MapGet("/notifications/events", (HttpContext ctx, NotificationHub hub) =>
        {
            var channelId = ctx.Request.Query["channelId"].ToString();
            var topic = ctx.Request.Query["topic"].ToString();
            return Results.Json(hub.Emitted
                .Where(e => channelId.Length == 0 || e.ChannelId == channelId)
                .Where(e => topic.Length == 0 || string.Equals(e.Topic, topic, StringComparison.OrdinalIgnoreCase)), Json.Options);
        });
        control.MapPost("/notifications/channels/{channelId}/{action}", Act);
        control.MapPut("/notifications/config", (HttpContext ctx, NotificationHub hub) => ControlApi.Apply<NotificationsConfig>(ctx, c =>
        {
            if (c.HeartbeatSeconds is { } s)
            {
                if (!(s > 0)) throw new ArgumentException("heartbeatSeconds must be > 0.");
                hub.HeartbeatInterval = TimeSpan.FromSeconds(s);
            }

            return Results.Json(new { heartbeatSeconds = hub.HeartbeatInterval.TotalSeconds }, Json.Options);
        }));
    }

    private static async Task<IResult> Act(HttpContext ctx, string channelId, string action, NotificationHub hub, EmulatorClock clock)
    {
        var (body, error) = await ControlApi.ReadBody<ChannelAction>(ctx);
        if (error is not null) return error;
        if (hub.Find(channelId) is not { } channel) return ControlApi.Problem($"no channel {channelId}", 404);
        switch (action)
        {
            case "drop":
                if (body!.AdvanceSeconds is { } lost) await hub.DropAndAdvanceAsync(channel, TimeSpan.FromSeconds(lost));
                else hub.Drop(channel);
                break;
            case "expire":
                await hub.EndAsync(channel, "Channel expired.");
                if (body!.AdvanceSeconds is { } seconds) clock.Advance(TimeSpan.FromSeconds(seconds));
                break;
            case "closing":
                if (channel.Socket is not { } socket) return ControlApi.Problem("the channel has no socket connected", 409);
                socket.ClosingAtUtc = DateTime.UtcNow.AddSeconds(body!.GraceSeconds ?? 60);
                await socket.SendAsync(NotificationHub.Envelope("v2.system.socket_closing", new
                {
                    channelId = channel.Id, systemTopicType = "socket_closing",
                    message = "Maintenance: connect a new WebSocket within a minute.",
                }));
                break;
            case "mute":
                if (channel.Socket is { } muted) muted.Muted = true;
                break;
            default:
                return ControlApi.Problem($"unknown action '{action}' (drop, closing, expire, mute)");
        }

        return Results.NoContent();
    }
}
