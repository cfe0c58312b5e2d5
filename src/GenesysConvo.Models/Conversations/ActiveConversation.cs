using System;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysConvo.Analytics;

namespace GenesysConvo;

/// <summary>Where a live conversation is right now.</summary>
public enum ConversationStep
{
    Unknown,
    InIvr,
    WaitingInQueue,
    Alerting,
    Talking,
    OnHold,
    AfterCallWork,
    Ended,
}

/// <summary>A conversation as it is now, for Get-GenesysActiveConversation: every visible property a scalar.</summary>
public sealed class ActiveConversation
{
    public string ConversationId { get; set; } = "";
    public string? MediaType { get; set; }
    public string? Direction { get; set; }
    /// <summary>When it started (UTC; the default view shows local time).</summary>
    public DateTimeOffset StartTime { get; set; }
    /// <summary>How long it has been live.</summary>
    public TimeSpan LiveFor { get; set; }
    public ConversationStep Step { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? Agent { get; set; }
    public string? AgentId { get; set; }
    /// <summary>The customer, as ConversationRecord.CustomerAddress says it (the dialled number of an outbound call).</summary>
    public string? CustomerAddress { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string? RecordingState { get; set; }
    public string? WrapUpCode { get; set; }
    public string? DivisionId { get; set; }

    /// <summary>Participants as GET /api/v2/conversations/{id} describes them (filled for -ConversationId and -Mine).</summary>
    [Hidden]
    public List<LiveParticipant> Participants { get; set; } = new List<LiveParticipant>();

    /// <summary>The analytics detail record (filled when listed through the analytics API).</summary>
    [Hidden]
    public AnalyticsConversation? Detail { get; set; }
}

/// <summary>One participant of a live conversation, with the state of its communication on each media.</summary>
public sealed class LiveParticipant
{
    public string? ParticipantId { get; set; }
    public string? Purpose { get; set; }
    public string? Name { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? QueueId { get; set; }
    public string? QueueName { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public bool WrapupRequired { get; set; }
    public string? WrapUpCode { get; set; }
    public string? WrapUpName { get; set; }
    public List<LiveCommunication> Communications { get; set; } = new List<LiveCommunication>();
}

/// <summary>A participant's leg on one media (a call, chat, e-mail, message, callback).</summary>
public sealed class LiveCommunication
{
    public string? Id { get; set; }
    /// <summary>call, callback, chat, email, message, …</summary>
    public string? MediaType { get; set; }
    /// <summary>alerting, dialing, contacting, offering, connected, disconnected, terminated, … (kept as the API sends it).</summary>
    public string? State { get; set; }
    public string? Direction { get; set; }
    public bool Held { get; set; }
    public bool Muted { get; set; }
    public bool Recording { get; set; }
    public string? RecordingState { get; set; }
    public string? DisconnectType { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? DisconnectedTime { get; set; }
    public string? AfterCallWorkState { get; set; }
}
