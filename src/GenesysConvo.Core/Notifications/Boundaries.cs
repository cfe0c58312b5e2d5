using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Notifications;

/// <summary>A WebSocket to a channel's connectUri, one text message at a time.</summary>
public interface INotificationSocket : IDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);
    Task SendAsync(string text, CancellationToken cancellationToken);
    /// <summary>The next text message, or null once the server closed the socket.</summary>
    Task<string?> ReceiveAsync(CancellationToken cancellationToken);
}

/// <summary>What the stream needs of the REST side: channels, their topics, and the token they live with.</summary>
public interface INotificationChannels
{
    Task<Channel> CreateAsync(CancellationToken cancellationToken);
    Task<IReadOnlyList<ChannelTopic>> SubscribeAsync(string channelId, IReadOnlyList<string> topics, CancellationToken cancellationToken);
    Task UnsubscribeAsync(string channelId, CancellationToken cancellationToken);
    /// <summary>When the token a channel created now would die with expires (null: unknown or never).</summary>
    DateTimeOffset? TokenExpiresAt { get; }
    /// <summary>Makes sure the next channel is created with a token that expires after <paramref name="after"/>.</summary>
    Task RenewTokenAsync(DateTimeOffset after, CancellationToken cancellationToken);
}

public enum NotificationItemKind
{
    /// <summary>A message of a subscribed topic.</summary>
    Event,
    /// <summary>The stream was interrupted (reconnect, new channel): messages may have been lost since the last item.</summary>
    Gap,
    /// <summary>A topic the API refused (missing permission).</summary>
    Rejected,
}

public sealed class NotificationItem
{
    public NotificationItemKind Kind { get; set; }
    public string? Topic { get; set; }
    /// <summary>The eventBody's JSON text (Event).</summary>
    public string? Body { get; set; }
    /// <summary>Why (Gap, Rejected).</summary>
    public string? Reason { get; set; }
    public IReadOnlyList<string> MissingPermissions { get; set; } = Array.Empty<string>();
}

/// <summary>How the stream keeps its channels (docs/genesys-api.md §10.6); tests shorten the times.</summary>
public sealed class NotificationStreamOptions
{
    public TimeProvider Time { get; set; } = TimeProvider.System;
    /// <summary>Silence after which a ping is sent (heartbeats come about every 30 s).</summary>
    public TimeSpan QuietAfter { get; set; } = TimeSpan.FromSeconds(40);
    /// <summary>How long to wait for anything after a ping before reconnecting.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A new channel this long before the channel's expires.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromHours(1);
    /// <summary>A new channel (with a new token) this long before the channel's token expires.</summary>
    public TimeSpan RenewBeforeTokenExpiry { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxTopicsPerChannel { get; set; } = 1000;
    public int MaxChannels { get; set; } = 20;
    /// <summary>Longest wait between two failed attempts to reconnect.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Attempts in a row that may fail before the stream gives up.</summary>
    public int MaxFailures { get; set; } = 8;
}
