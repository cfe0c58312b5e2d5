namespace GenesysConvo.Emulator.Model.Live;

// The Conversations API's Conversation model (not the analytics record). Field names follow the SDK typings
// (purecloud-platform-client-v2 index.d.ts: Conversation, Participant, Call, Callback, ConversationChat, Message,
// Email, Wrapup, AfterCallWork, Address, ConversationDivisionMembership). Absent = null (not serialised).
// Only the fields the emulator can derive from its generated data are filled.

public sealed class ConversationModel
{
    public string? Id { get; set; }
    public DateTimeOffset StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string? Address { get; set; }
    public List<ConversationParticipant> Participants { get; set; } = [];
    /// <summary>ACTIVE | PAUSED | NONE</summary>
    public string? RecordingState { get; set; }
    public List<ConversationDivisionMembership>? Divisions { get; set; }
    public string? SelfUri { get; set; }
}

public sealed class ConversationParticipant
{
    public string? Id { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public string? Name { get; set; }
    public string? UserUri { get; set; }
    public string? UserId { get; set; }
    public string? QueueId { get; set; }
    public string? QueueName { get; set; }
    /// <summary>customer | external | ivr | acd | agent</summary>
    public string? Purpose { get; set; }
    public string? Address { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public bool? WrapupRequired { get; set; }
    public ConversationWrapup? Wrapup { get; set; }
    public Dictionary<string, string> Attributes { get; set; } = new(StringComparer.Ordinal);
    public List<Communication>? Calls { get; set; }
    public List<Communication>? Callbacks { get; set; }
    public List<Communication>? Chats { get; set; }
    public List<Communication>? Emails { get; set; }
    public List<Communication>? Messages { get; set; }
    public DateTimeOffset? StartAcwTime { get; set; }
    public DateTimeOffset? EndAcwTime { get; set; }
}

/// <summary>Union of Call / Callback / ConversationChat / Email / Message fields; media-specific ones stay null elsewhere.</summary>
public sealed class Communication
{
    /// <summary>alerting | dialing | contacting | offering | connected | disconnected | terminated | none …</summary>
    public string? State { get; set; }
    public string? InitialState { get; set; }
    public string? Id { get; set; }
    /// <summary>inbound | outbound</summary>
    public string? Direction { get; set; }
    /// <summary>Call only.</summary>
    public bool? Recording { get; set; }
    /// <summary>Call only: none | active | paused.</summary>
    public string? RecordingState { get; set; }
    /// <summary>Call only.</summary>
    public bool? Muted { get; set; }
    public bool Held { get; set; }
    public string? DisconnectType { get; set; }
    public DateTimeOffset? StartHoldTime { get; set; }
    public DateTimeOffset? StartAlertingTime { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? DisconnectedTime { get; set; }
    public string? Provider { get; set; }
    public string? PeerId { get; set; }
    /// <summary>Call only.</summary>
    public CommunicationAddress? Self { get; set; }
    /// <summary>Call only.</summary>
    public CommunicationAddress? Other { get; set; }
    /// <summary>Callback only.</summary>
    public List<string>? CallbackNumbers { get; set; }
    /// <summary>Callback only.</summary>
    public string? CallbackUserName { get; set; }
    /// <summary>Message only (e.g. webmessaging).</summary>
    public string? Type { get; set; }
    /// <summary>Message only.</summary>
    public CommunicationAddress? ToAddress { get; set; }
    /// <summary>Message only.</summary>
    public CommunicationAddress? FromAddress { get; set; }
    public ConversationWrapup? Wrapup { get; set; }
    public AfterCallWork? AfterCallWork { get; set; }
    public bool? AfterCallWorkRequired { get; set; }
}

public sealed class CommunicationAddress
{
    public string? Name { get; set; }
    public string? AddressNormalized { get; set; }
    public string? AddressRaw { get; set; }
    public string? AddressDisplayable { get; set; }
}

public sealed class ConversationWrapup
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Notes { get; set; }
    public int? DurationSeconds { get; set; }
    public DateTimeOffset? EndTime { get; set; }
}

public sealed class AfterCallWork
{
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    /// <summary>unknown | skipped | pending | complete | notApplicable</summary>
    public string? State { get; set; }
}

public sealed record EntityRef(string Id, string? Name, string? SelfUri);

public sealed class ConversationDivisionMembership
{
    public EntityRef? Division { get; set; }
    public List<EntityRef> Entities { get; set; } = [];
}
