using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>Notification channels and their subscriptions (docs/genesys-api.md §10.1).</summary>
public sealed class NotificationsApi
{
    public const string ChannelsPath = "/api/v2/notifications/channels";

    private readonly GenesysConnection _connection;

    public NotificationsApi(GenesysConnection connection) => _connection = connection;

    /// <summary>A new channel (no body): its id, the WebSocket address and when it expires.</summary>
    public async Task<Channel> CreateChannelAsync(CancellationToken cancellationToken)
    {
        var response = await _connection.SendAsync(HttpMethod.Post, ChannelsPath, null, Http.RequestTraits.ExpectsJson, cancellationToken)
            .ConfigureAwait(false);
        Channel channel = ApiCall.Read(response, ApiJson.Default.Channel);
        // expires is on the server's clock; the stream compares it with this machine's to leave in time.
        if (channel.Expires is { } expires) channel.Expires = response.OnLocalClock(expires);
        return channel;
    }

    /// <summary>Replaces the channel's topics (PUT, so a retry cannot add twice); ignoreErrors=true answers a topic the
    /// caller may not have as Rejected with its missing permissions instead of failing the whole call.</summary>
    public Task<ChannelTopicEntityListing> ReplaceSubscriptionsAsync(string channelId, IEnumerable<string> topics,
        CancellationToken cancellationToken) =>
        ApiCall.ReplaceAsync(_connection, SubscriptionsPath(channelId) + "?ignoreErrors=true",
            topics.Select(t => new ChannelTopic { Id = t }).ToList(), ApiJson.Default.ListChannelTopic,
            ApiJson.Default.ChannelTopicEntityListing, cancellationToken);

    /// <summary>Removes every subscription of the channel.</summary>
    public Task DeleteSubscriptionsAsync(string channelId, CancellationToken cancellationToken) =>
        ApiCall.DeleteAsync(_connection, SubscriptionsPath(channelId), cancellationToken);

    private static string SubscriptionsPath(string channelId) => ChannelsPath + "/" + Uri.EscapeDataString(channelId) + "/subscriptions";
}
