using System;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysConvo.Analytics;

namespace GenesysConvo;

/// <summary>One conversation, flattened for tables and CSV: every visible property is a scalar. Several values
/// (two queues, two agents) are joined with "; ". The whole record stays on the hidden Participants property.</summary>
public sealed class ConversationRecord
{
    public string ConversationId { get; set; } = "";
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public TimeSpan? Duration { get; set; }
    public bool IsActive { get; set; }
    /// <summary>Media types in the order they appear (voice; callback).</summary>
    public string? MediaType { get; set; }
    /// <summary>The customer session's direction (inbound, outbound).</summary>
    public string? Direction { get; set; }
    public string? OriginatingDirection { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    /// <summary>Who the customer is: the caller (inbound call) or dialled number (outbound call), the callback number,
    /// the sender (inbound) or recipient (outbound) of an e-mail or message, the name in a chat without address.</summary>
    public string? CustomerAddress { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? Agent { get; set; }
    public string? AgentId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpCodeId { get; set; }
    /// <summary>How the customer's side ended (client, peer, endpoint, transfer, …).</summary>
    public string? DisconnectType { get; set; }
    public bool Abandoned { get; set; }
    public int TransferCount { get; set; }
    public string? DivisionId { get; set; }
    public TimeSpan? HandleTime { get; set; }
    public TimeSpan? TalkTime { get; set; }
    public TimeSpan? HoldTime { get; set; }
    public TimeSpan? AcwTime { get; set; }
    /// <summary>Time waiting in queue (tAcd).</summary>
    public TimeSpan? WaitTime { get; set; }
    public TimeSpan? AlertTime { get; set; }
    /// <summary>Which API the facts come from: the analytics API (history, and Get-GenesysConversation when analytics has
    /// the conversation ended), the live conversations API, or both (analytics' record with the live API's newer end and
    /// state).</summary>
    public ConversationSource Source { get; set; }
    /// <summary>When the newest source that answered was read (Get-GenesysConversation; empty for history records, whose
    /// analytics facts are those of the search). Analytics records lag behind events by up to a few minutes.</summary>
    public DateTimeOffset? AsOf { get; set; }

    /// <summary>The conversation as the live API showed it (Get-GenesysConversation, Source Live or Both): its step now
    /// and the state of every participant's communications.</summary>
    [Hidden]
    public ActiveConversation? Live { get; set; }

    /// <summary>The full detail record: participants, their sessions, segments and metrics (not exported to CSV;
    /// use -Expand Participant|Session|Segment for one row per child).</summary>
    [Hidden]
    public List<ConversationParticipant> Participants { get; set; } = new List<ConversationParticipant>();

    /// <summary>The raw record's other conversation-level fields.</summary>
    [Hidden]
    public AnalyticsConversation? Detail { get; set; }
}

/// <summary>Which API a ConversationRecord's facts come from.</summary>
public enum ConversationSource
{
    /// <summary>The analytics API's detail record.</summary>
    Analytics,
    /// <summary>The live conversations API only: analytics has no record of it yet.</summary>
    Live,
    /// <summary>The analytics record, with the end and state the live API gave later.</summary>
    Both,
}

/// <summary>Columns every expanded row carries, so a row still says which conversation it belongs to.</summary>
public abstract class ConversationChildRow
{
    public string ConversationId { get; set; } = "";
    public DateTimeOffset ConversationStart { get; set; }
    public DateTimeOffset? ConversationEnd { get; set; }
    public string? OriginatingDirection { get; set; }
    public string? ParticipantId { get; set; }
    public string? Purpose { get; set; }
    public string? ParticipantName { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    /// <summary>The conversation's customer, as ConversationRecord.CustomerAddress says it.</summary>
    public string? CustomerAddress { get; set; }
}

/// <summary>-Expand Participant: one row per participant (customer, IVR, ACD, agent …).</summary>
public sealed class ConversationParticipantRow : ConversationChildRow
{
    public int SessionCount { get; set; }
    public string? MediaType { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpCodeId { get; set; }
    public DateTimeOffset? FirstSegmentStart { get; set; }
    public DateTimeOffset? LastSegmentEnd { get; set; }
    public TimeSpan? HandleTime { get; set; }
    public TimeSpan? TalkTime { get; set; }
    public TimeSpan? HoldTime { get; set; }
    public TimeSpan? AcwTime { get; set; }
}

/// <summary>-Expand Session: one row per session (a participant's leg on one media).</summary>
public sealed class ConversationSessionRow : ConversationChildRow
{
    public string? SessionId { get; set; }
    public string? MediaType { get; set; }
    public string? Direction { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public string? AddressFrom { get; set; }
    public string? AddressTo { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpCodeId { get; set; }
    public string? DisconnectType { get; set; }
    public int SegmentCount { get; set; }
    public TimeSpan? HandleTime { get; set; }
    public TimeSpan? TalkTime { get; set; }
    public TimeSpan? HoldTime { get; set; }
    public TimeSpan? AcwTime { get; set; }
    public TimeSpan? AlertTime { get; set; }
    public TimeSpan? WaitTime { get; set; }
}

/// <summary>-Expand Segment: one row per segment (alert, interact, hold, wrapup …), for quality audits.</summary>
public sealed class ConversationSegmentRow : ConversationChildRow
{
    public string? SessionId { get; set; }
    public string? MediaType { get; set; }
    public string? SegmentType { get; set; }
    public DateTimeOffset SegmentStart { get; set; }
    public DateTimeOffset? SegmentEnd { get; set; }
    public TimeSpan? Duration { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpCodeId { get; set; }
    public string? WrapUpNote { get; set; }
    public string? DisconnectType { get; set; }
}
