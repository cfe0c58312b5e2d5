using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Core.Directory;

namespace GenesysConvo.Core.Conversations;

/// <summary>Reads where a conversation is now from the real-time Conversation model: an agent's communication
/// alerting, connected (held or not) or in after-call work; else a connected ACD participant (waiting in queue);
/// else a connected IVR. A re-routed alert adds a second agent participant, so every agent is scanned, latest first.</summary>
internal static class LiveStateMapper
{
    private static readonly string[] s_ended = { "disconnected", "terminated" };

    public static ActiveConversation Map(LiveConversationDto c, Func<DirectoryKind, string?, string?> nameOf, DateTimeOffset now)
    {
        var participants = (c.Participants ?? new List<ParticipantDto>()).Select(p => ToParticipant(p, nameOf)).ToList();
        var agents = participants.Where(p => Is(p, "agent") || Is(p, "user")).Reverse().ToList();
        var customer = participants.FirstOrDefault(p => Is(p, "customer") || Is(p, "external"));
        ConversationStep step;
        LiveParticipant? where = null;
        if (c.EndTime != null) step = ConversationStep.Ended;
        else if ((where = agents.FirstOrDefault(a => a.Communications.Any(IsOpen))) != null) step = AgentStep(where);
        else if ((where = agents.FirstOrDefault(InAfterCallWork)) != null) step = ConversationStep.AfterCallWork;
        else if ((where = participants.LastOrDefault(p => Is(p, "acd") && p.Communications.Any(IsOpen))) != null) step = ConversationStep.WaitingInQueue;
        else if ((where = participants.LastOrDefault(p => Is(p, "ivr") && p.Communications.Any(IsOpen))) != null) step = ConversationStep.InIvr;
        else step = ConversationStep.Unknown;

        // The agent the conversation is with now; none while it waits in queue, even if an earlier alert was missed.
        var agent = where != null && (Is(where, "agent") || Is(where, "user")) ? where
            : step == ConversationStep.Ended ? agents.FirstOrDefault() : null;
        var queueParticipant = where?.QueueId != null ? where : participants.LastOrDefault(p => p.QueueId != null);
        var customerComm = customer?.Communications.FirstOrDefault();
        var start = c.StartTime ?? participants.Select(p => p.StartTime).Where(t => t != null).Min() ?? now;
        return new ActiveConversation
        {
            ConversationId = c.Id ?? "",
            MediaType = string.Join("; ", participants.SelectMany(p => p.Communications).Select(m => m.MediaType).Where(m => m != null).Distinct()),
            Direction = customerComm?.Direction,
            StartTime = start,
            LiveFor = (c.EndTime ?? now) - start,
            Step = step,
            Queue = queueParticipant?.QueueName ?? queueParticipant?.QueueId,
            QueueId = queueParticipant?.QueueId,
            Agent = agent?.UserName ?? agent?.Name ?? agent?.UserId,
            AgentId = agent?.UserId,
            CustomerAddress = customer?.Address ?? customer?.Name,
            EndTime = c.EndTime,
            RecordingState = c.RecordingState,
            WrapUpCode = agents.Select(a => a.WrapUpName ?? a.WrapUpCode).FirstOrDefault(w => w != null),
            DivisionId = c.Divisions?.Select(d => d.Division?.Id).FirstOrDefault(d => d != null),
            Participants = participants,
        };
    }

    private static LiveParticipant ToParticipant(ParticipantDto p, Func<DirectoryKind, string?, string?> nameOf) => new LiveParticipant
    {
        ParticipantId = p.Id,
        Purpose = p.Purpose,
        Name = p.Name,
        UserId = p.UserId,
        UserName = nameOf(DirectoryKind.User, p.UserId) ?? p.Name,
        QueueId = p.QueueId,
        QueueName = p.QueueName ?? nameOf(DirectoryKind.Queue, p.QueueId),
        Address = p.Address ?? p.Ani,
        StartTime = p.StartTime,
        ConnectedTime = p.ConnectedTime,
        EndTime = p.EndTime,
        WrapupRequired = p.WrapupRequired ?? false,
        WrapUpCode = p.Wrapup?.Code,
        WrapUpName = p.Wrapup?.Name ?? nameOf(DirectoryKind.WrapUpCode, p.Wrapup?.Code),
        Communications = p.Communications().ToList(),
    };

    private static ConversationStep AgentStep(LiveParticipant agent)
    {
        var open = agent.Communications.First(IsOpen);
        var state = (open.State ?? "").ToLowerInvariant();
        if (state == "alerting" || state == "offering" || state == "dialing" || state == "contacting") return ConversationStep.Alerting;
        return open.Held ? ConversationStep.OnHold : ConversationStep.Talking;
    }

    private static bool InAfterCallWork(LiveParticipant agent) =>
        agent.Communications.Any(m => m.AfterCallWorkState != null && !string.Equals(m.AfterCallWorkState, "complete", StringComparison.OrdinalIgnoreCase)
                                      && !string.Equals(m.AfterCallWorkState, "skipped", StringComparison.OrdinalIgnoreCase))
        || (agent.WrapupRequired && agent.WrapUpCode is null);

    private static bool IsOpen(LiveCommunication m) => m.State != null && !s_ended.Contains(m.State.ToLowerInvariant());

    private static bool Is(LiveParticipant p, string purpose) => string.Equals(p.Purpose, purpose, StringComparison.OrdinalIgnoreCase);
}

// The real-time Conversation model (GET /api/v2/conversations/{id}), as much of it as the module reads.
internal sealed class LiveConversationDto
{
    public string? Id { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public string? RecordingState { get; set; }
    public List<ParticipantDto>? Participants { get; set; }
    public List<DivisionEntry>? Divisions { get; set; }

    internal sealed class DivisionEntry
    {
        public IdRef? Division { get; set; }
    }

    internal sealed class IdRef
    {
        public string? Id { get; set; }
    }
}

internal sealed class ParticipantDto
{
    public string? Id { get; set; }
    public string? Purpose { get; set; }
    public string? Name { get; set; }
    public string? UserId { get; set; }
    public string? QueueId { get; set; }
    public string? QueueName { get; set; }
    public string? Address { get; set; }
    public string? Ani { get; set; }
    public DateTimeOffset? StartTime { get; set; }
    public DateTimeOffset? ConnectedTime { get; set; }
    public DateTimeOffset? EndTime { get; set; }
    public bool? WrapupRequired { get; set; }
    public WrapupDto? Wrapup { get; set; }
    public List<CommunicationDto>? Calls { get; set; }
    public List<CommunicationDto>? Callbacks { get; set; }
    public List<CommunicationDto>? Chats { get; set; }
    public List<CommunicationDto>? Emails { get; set; }
    public List<CommunicationDto>? Messages { get; set; }
    public List<CommunicationDto>? Videos { get; set; }
    public List<CommunicationDto>? Cobrowsesessions { get; set; }
    public List<CommunicationDto>? Screenshares { get; set; }

    public IEnumerable<LiveCommunication> Communications()
    {
        // "voice", as the analytics API and -MediaType name calls.
        foreach (var (media, list) in new[] { ("voice", Calls), ("callback", Callbacks), ("chat", Chats), ("email", Emails), ("message", Messages),
                                              ("video", Videos), ("cobrowse", Cobrowsesessions), ("screenshare", Screenshares) })
            foreach (var m in list ?? new List<CommunicationDto>())
                yield return new LiveCommunication
                {
                    Id = m.Id, MediaType = media, State = m.State, Direction = m.Direction, Held = m.Held ?? false, Muted = m.Muted ?? false,
                    Recording = m.Recording ?? false, RecordingState = m.RecordingState, DisconnectType = m.DisconnectType,
                    ConnectedTime = m.ConnectedTime, DisconnectedTime = m.DisconnectedTime, AfterCallWorkState = m.AfterCallWork?.State,
                };
    }
}

internal sealed class WrapupDto
{
    public string? Code { get; set; }
    public string? Name { get; set; }
}

internal sealed class CommunicationDto
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
    public AfterCallWorkDto? AfterCallWork { get; set; }
}

internal sealed class AfterCallWorkDto
{
    public string? State { get; set; }
}
