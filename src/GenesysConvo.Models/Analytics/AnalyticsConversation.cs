using System;
using System.Collections.Generic;

namespace GenesysConvo.Analytics;

// The analytics conversation detail record as the API sends it (AnalyticsConversation in the official SDKs), read
// by property name; fields the module does not know are ignored, enum-like values stay strings so new values pass.

public sealed class AnalyticsConversation
{
    public string ConversationId { get; set; } = "";
    public DateTimeOffset ConversationStart { get; set; }
    /// <summary>Absent while the conversation is in progress.</summary>
    public DateTimeOffset? ConversationEnd { get; set; }
    public string? OriginatingDirection { get; set; }
    public List<string>? DivisionIds { get; set; }
    public string? ExternalTag { get; set; }
    public string? ConversationInitiator { get; set; }
    public bool? CustomerParticipation { get; set; }
    public double? MediaStatsMinConversationMos { get; set; }
    public List<ConversationParticipant> Participants { get; set; } = new List<ConversationParticipant>();
}

public sealed class ConversationParticipant
{
    public string? ParticipantId { get; set; }
    public string? ParticipantName { get; set; }
    public string? Purpose { get; set; }
    public string? UserId { get; set; }
    public string? TeamId { get; set; }
    public string? ExternalContactId { get; set; }
    public string? ExternalOrganizationId { get; set; }
    public string? FlaggedReason { get; set; }
    /// <summary>Only in async job results.</summary>
    public Dictionary<string, string>? Attributes { get; set; }
    public List<ConversationSession> Sessions { get; set; } = new List<ConversationSession>();
}

public sealed class ConversationSession
{
    public string? SessionId { get; set; }
    public string? MediaType { get; set; }
    public string? Direction { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public string? SessionDnis { get; set; }
    public string? AddressFrom { get; set; }
    public string? AddressTo { get; set; }
    public string? AddressSelf { get; set; }
    public string? AddressOther { get; set; }
    public string? RemoteNameDisplayable { get; set; }
    /// <summary>The numbers a callback is to call (callback sessions).</summary>
    public List<string>? CallbackNumbers { get; set; }
    public string? CallbackUserName { get; set; }
    public string? Provider { get; set; }
    public string? PeerId { get; set; }
    public string? EdgeId { get; set; }
    public string? MessageType { get; set; }
    public string? UsedRouting { get; set; }
    public string? SelectedAgentId { get; set; }
    public bool? Recording { get; set; }
    public List<ConversationSegment> Segments { get; set; } = new List<ConversationSegment>();
    public List<ConversationMetric> Metrics { get; set; } = new List<ConversationMetric>();
}

public sealed class ConversationSegment
{
    public DateTimeOffset SegmentStart { get; set; }
    /// <summary>Absent while the segment is open.</summary>
    public DateTimeOffset? SegmentEnd { get; set; }
    public string? SegmentType { get; set; }
    public string? QueueId { get; set; }
    public string? GroupId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpNote { get; set; }
    public string? DisconnectType { get; set; }
    public bool? Conference { get; set; }
    public string? ErrorCode { get; set; }
    public string? Subject { get; set; }
    public string? RequestedLanguageId { get; set; }

    public TimeSpan? Duration => SegmentEnd is { } end ? end - SegmentStart : (TimeSpan?)null;
}

public sealed class ConversationMetric
{
    public string Name { get; set; } = "";
    /// <summary>Milliseconds for t* metrics, a count for n* metrics.</summary>
    public long Value { get; set; }
    public DateTimeOffset? EmitDate { get; set; }
}
