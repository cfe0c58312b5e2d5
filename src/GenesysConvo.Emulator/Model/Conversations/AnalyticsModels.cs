using System.Text.Json.Serialization;

namespace GenesysConvo.Emulator.Model.Conversations;

// Analytics conversation detail records. Field names and enum spellings follow the SDK typings
// (purecloud-platform-client-v2 262 index.d.ts: AnalyticsConversation, AnalyticsParticipant, AnalyticsSession,
// AnalyticsConversationSegment, AnalyticsSessionMetric, AnalyticsFlow). Absent = null (not serialised).

public sealed class AnalyticsConversation
{
    /// <summary>Generator index k (not part of the API; handy for the endpoints that page through ranges).</summary>
    [JsonIgnore] public long Index { get; set; }

    public string? ConversationId { get; set; }
    public DateTimeOffset? ConversationStart { get; set; }
    public DateTimeOffset? ConversationEnd { get; set; }
    public string? OriginatingDirection { get; set; }
    public List<string>? DivisionIds { get; set; }
    public bool? CustomerParticipation { get; set; }
    public string? ConversationInitiator { get; set; }
    public double? MediaStatsMinConversationMos { get; set; }
    public List<AnalyticsParticipant> Participants { get; set; } = [];
}

public sealed class AnalyticsParticipant
{
    public string? ParticipantId { get; set; }
    public string? ParticipantName { get; set; }
    /// <summary>customer | external | ivr | acd | agent | …</summary>
    public string? Purpose { get; set; }
    public string? UserId { get; set; }
    public List<AnalyticsSession> Sessions { get; set; } = [];
    /// <summary>Participant data (AnalyticsParticipant.attributes); only async job results carry it.</summary>
    public Dictionary<string, string>? Attributes { get; set; }
}

public sealed class AnalyticsSession
{
    public string? SessionId { get; set; }
    /// <summary>voice | chat | message | email | callback | …</summary>
    public string? MediaType { get; set; }
    public string? MessageType { get; set; }
    /// <summary>inbound | outbound</summary>
    public string? Direction { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public string? SessionDnis { get; set; }
    public string? AddressFrom { get; set; }
    public string? AddressTo { get; set; }
    public string? AddressSelf { get; set; }
    public string? AddressOther { get; set; }
    public List<string>? CallbackNumbers { get; set; }
    public string? CallbackUserName { get; set; }
    public string? EdgeId { get; set; }
    public string? PeerId { get; set; }
    public string? Provider { get; set; }
    public bool? Recording { get; set; }
    public string? Remote { get; set; }
    public string? RemoteNameDisplayable { get; set; }
    public List<string>? RequestedRoutings { get; set; }
    public string? UsedRouting { get; set; }
    public string? SelectedAgentId { get; set; }
    public AnalyticsFlow? Flow { get; set; }
    public List<AnalyticsSessionMetric> Metrics { get; set; } = [];
    public List<AnalyticsConversationSegment> Segments { get; set; } = [];
}

public sealed class AnalyticsConversationSegment
{
    public DateTimeOffset? SegmentStart { get; set; }
    public DateTimeOffset? SegmentEnd { get; set; }
    /// <summary>alert | dialing | contacting | hold | interact | ivr | wrapup | system | …</summary>
    public string? SegmentType { get; set; }
    public string? QueueId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpNote { get; set; }
    /// <summary>client | endpoint | peer | transfer | noAnswerTransfer | system | …</summary>
    public string? DisconnectType { get; set; }
    public bool? Conference { get; set; }
}

public sealed class AnalyticsSessionMetric
{
    public string? Name { get; set; }
    public long? Value { get; set; }
    public DateTimeOffset? EmitDate { get; set; }
}

public sealed class AnalyticsFlow
{
    public string? FlowId { get; set; }
    public string? FlowName { get; set; }
    public string? FlowType { get; set; }
    public string? FlowVersion { get; set; }
    public string? EntryType { get; set; }
    public string? EntryReason { get; set; }
    public string? ExitReason { get; set; }
    public string? TransferType { get; set; }
    public string? TransferTargetName { get; set; }
    public string? TransferTargetAddress { get; set; }
}
