using System;
using System.Collections.Generic;

namespace GenesysConvo.Core.Api.Models;

// The real-time Conversation model (GET /api/v2/conversations/{id}, GET /api/v2/conversations), as much of it as the
// module reads. Every media array of a participant has the same shape here; arrays the module does not know are ignored.

public sealed class Conversation
{
    public string? Id { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string? RecordingState { get; set; }
    public List<Participant>? Participants { get; set; }
    public List<ConversationDivisionMembership>? Divisions { get; set; }
}

public sealed class ConversationDivisionMembership
{
    public NamedEntity? Division { get; set; }
}

public sealed class Participant
{
    public string? Id { get; set; }
    public string? Purpose { get; set; }
    public string? Name { get; set; }
    public string? UserId { get; set; }
    public string? QueueId { get; set; }
    public string? QueueName { get; set; }
    public string? Address { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public bool? WrapupRequired { get; set; }
    public Wrapup? Wrapup { get; set; }
    public List<Communication>? Calls { get; set; }
    public List<Communication>? Callbacks { get; set; }
    public List<Communication>? Chats { get; set; }
    public List<Communication>? Emails { get; set; }
    public List<Communication>? Messages { get; set; }
    public List<Communication>? Videos { get; set; }
    public List<Communication>? Cobrowsesessions { get; set; }
    public List<Communication>? Screenshares { get; set; }

    /// <summary>Each known media array with the media type the analytics API and -MediaType use for it ("voice" for calls).</summary>
    public IEnumerable<(string MediaType, List<Communication>? Communications)> Media() => new[]
    {
        ("voice", Calls), ("callback", Callbacks), ("chat", Chats), ("email", Emails), ("message", Messages),
        ("video", Videos), ("cobrowse", Cobrowsesessions), ("screenshare", Screenshares),
    };
}

public sealed class Wrapup
{
    public string? Code { get; set; }
    public string? Name { get; set; }
}

/// <summary>A participant's leg on one media (Call, Callback, Chat, Email, Message … in the SDKs).</summary>
public sealed class Communication
{
    public string? Id { get; set; }
    public string? State { get; set; }
    public string? Direction { get; set; }
    public bool? Held { get; set; }
    public bool? Muted { get; set; }
    public bool? Recording { get; set; }
    public string? RecordingState { get; set; }
    public string? DisconnectType { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? DisconnectedTime { get; set; }
    public AfterCallWork? AfterCallWork { get; set; }
    /// <summary>Callbacks: the numbers to call back.</summary>
    public List<string>? CallbackNumbers { get; set; }
    /// <summary>Calls: this participant's end and the other end.</summary>
    public ConversationAddress? Self { get; set; }
    public ConversationAddress? Other { get; set; }
    /// <summary>Messages: sender and recipient.</summary>
    public ConversationAddress? FromAddress { get; set; }
    public ConversationAddress? ToAddress { get; set; }
}

/// <summary>An end of a call or message (Address in the SDKs).</summary>
public sealed class ConversationAddress
{
    public string? Name { get; set; }
    public string? AddressNormalized { get; set; }
    public string? AddressRaw { get; set; }
    public string? AddressDisplayable { get; set; }

    /// <summary>The address as the API normalised it, else as it came.</summary>
    public string? Value() => AddressNormalized ?? AddressRaw ?? AddressDisplayable;
}

public sealed class AfterCallWork
{
    public string? State { get; set; }
}
