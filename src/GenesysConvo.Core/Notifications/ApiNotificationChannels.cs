using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Notifications;

/// <summary><see cref="INotificationChannels"/> over the session's API and token.</summary>
public sealed class ApiNotificationChannels : INotificationChannels
{
    private readonly GenesysApi _api;

    public ApiNotificationChannels(GenesysApi api) => _api = api;

    public DateTimeOffset? TokenExpiresAt => _api.Connection.Tokens.ExpiresAt;

    public Task<Channel> CreateAsync(CancellationToken cancellationToken) => _api.Notifications.CreateChannelAsync(cancellationToken);

    public async Task<IReadOnlyList<ChannelTopic>> SubscribeAsync(string channelId, IReadOnlyList<string> topics,
        CancellationToken cancellationToken)
    {
        var listing = await _api.Notifications.ReplaceSubscriptionsAsync(channelId, topics, cancellationToken).ConfigureAwait(false);
        return listing.Entities ?? new List<ChannelTopic>();
    }

    public Task UnsubscribeAsync(string channelId, CancellationToken cancellationToken) =>
        _api.Notifications.DeleteSubscriptionsAsync(channelId, cancellationToken);

    public async Task RenewTokenAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        var tokens = _api.Connection.Tokens;
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        if (!tokens.CanRenew || token.ExpiresAt is not { } expires || expires > after) return;
        // Still the channel's token: set it aside so the next one is fresh (the source renews only in its last minute).
        tokens.Invalidate(token);
        await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
    }
}
