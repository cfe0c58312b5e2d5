using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GenesysConvo.Core.Api.Models;

// The notifications API's models (docs/genesys-api.md §10), named as in the SDK typings: Channel, ChannelTopic,
// ChannelTopicEntityListing; the WebSocket envelope as .NET's NotificationData<T>; detail events as their common fields.

public sealed class Channel
{
    public string? Id { get; set; }
    public string? ConnectUri { get; set; }
    public DateTimeOffset? Expires { get; set; }
}

public sealed class ChannelTopic
{
    public string? Id { get; set; }
    /// <summary>Permitted | Rejected</summary>
    public string? State { get; set; }
    public string? RejectionReason { get; set; }
    public List<string>? MissingPermissions { get; set; }
}

public sealed class ChannelTopicEntityListing
{
    public List<ChannelTopic>? Entities { get; set; }
}

/// <summary>One WebSocket message: a topic's event, a heartbeat or pong (channel.metadata), a system message, or a
/// {"result":"404"} answer when the channel is gone.</summary>
public sealed class NotificationMessage
{
    public string? TopicName { get; set; }
    public string? Version { get; set; }
    public JsonElement EventBody { get; set; }
    public string? Result { get; set; }
    public string? Message { get; set; }
}

/// <summary>The fields every v2.detail.events.conversation.{id}.* body shares, and those of acd/user/acw events.</summary>
public sealed class ConversationDetailEvent
{
    /// <summary>Epoch milliseconds.</summary>
    public long? EventTime { get; set; }
    public string? ConversationId { get; set; }
    public string? ParticipantId { get; set; }
    public string? MediaType { get; set; }
    public string? QueueId { get; set; }
    public string? UserId { get; set; }
    public string? DisconnectType { get; set; }
    /// <summary>ABANDON | ANSWERED | FLOW_OUT | UNKNOWN (acd.end)</summary>
    public string? AcdOutcome { get; set; }
    public string? WrapupCode { get; set; }
}
