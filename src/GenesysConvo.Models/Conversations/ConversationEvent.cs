using System;
using System.Management.Automation;

namespace GenesysConvo;

/// <summary>What happened to a watched conversation (Watch-GenesysConversation).</summary>
public enum ConversationChange
{
    /// <summary>Its state when the watch began or after a gap (read from the live APIs, not an event).</summary>
    Snapshot,
    /// <summary>Events may have been lost here (a reconnect or a new channel); Snapshot records of the re-read follow.</summary>
    Gap,
    Started,
    EnteredQueue,
    LeftQueue,
    Alerting,
    Connected,
    Held,
    Resumed,
    Transferred,
    AfterCallWork,
    AgentLeft,
    WrapUpDone,
    CustomerLeft,
    Abandoned,
    Ended,
    /// <summary>Something else changed (recording, a participant's detail).</summary>
    Updated,
}

/// <summary>One change of a watched conversation, as it happens: every visible property a scalar.</summary>
public sealed class ConversationEvent
{
    /// <summary>When the event happened (detail events) or arrived (conversation topics carry no time).</summary>
    public DateTimeOffset EventTime { get; set; }
    public ConversationChange Change { get; set; }
    public string? ConversationId { get; set; }
    /// <summary>Where the conversation is now, as Get-GenesysActiveConversation names it.</summary>
    public ConversationStep Step { get; set; }
    public string? MediaType { get; set; }
    public string? Queue { get; set; }
    public string? QueueId { get; set; }
    public string? Agent { get; set; }
    public string? AgentId { get; set; }
    public string? CustomerAddress { get; set; }
    /// <summary>How long it has waited in its queue (while WaitingInQueue).</summary>
    public TimeSpan? WaitingFor { get; set; }
    /// <summary>How long it has been live.</summary>
    public TimeSpan? LiveFor { get; set; }
    /// <summary>The topic the event came on (empty for Snapshot and Gap).</summary>
    public string? Topic { get; set; }
    /// <summary>For a Gap: why; for others: a note when there is one.</summary>
    public string? Message { get; set; }

    /// <summary>The event's body as the API sent it (JSON).</summary>
    [Hidden]
    public string? Body { get; set; }

    /// <summary>The conversation's state after the change.</summary>
    [Hidden]
    public ActiveConversation? Conversation { get; set; }
}
