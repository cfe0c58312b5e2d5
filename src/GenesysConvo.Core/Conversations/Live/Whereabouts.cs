using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Conversations.Live;

/// <summary>What one participant is doing now, as either live source tells it: an analytics record by its open
/// segment, the real-time API by its communications.</summary>
internal enum PartyState
{
    Closed,
    Alerting,
    Connected,
    Held,
    AfterCallWork,
}

internal sealed class Party
{
    public Party(string? purpose, string? userId, string? queueId, PartyState state)
    {
        Purpose = purpose;
        UserId = userId;
        QueueId = queueId;
        State = state;
    }

    public string? Purpose { get; }
    public string? UserId { get; }
    public string? QueueId { get; }
    public PartyState State { get; }
    public bool IsAgent => Is("agent") || Is("user");
    public bool IsOpen => State != PartyState.Closed;

    public bool Is(string purpose) => string.Equals(Purpose, purpose, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The step a conversation is at, the agent it is with and the queue it is in.</summary>
internal readonly struct Whereabouts
{
    public Whereabouts(ConversationStep step, Party? agent, Party? queue)
    {
        Step = step;
        Agent = agent;
        Queue = queue;
    }

    public ConversationStep Step { get; }
    public Party? Agent { get; }
    /// <summary>The party whose queue the conversation is in.</summary>
    public Party? Queue { get; }
    public string? QueueId => Queue?.QueueId;

    /// <summary>The one algorithm for "where is the conversation now", for both live sources. Ended if it has an end;
    /// else an agent alerting, talking or holding (latest agent first: a re-routed alert adds a second agent); else an
    /// agent in after-call work; else an open ACD leg (waiting in queue); else an open IVR leg. The agent is the one the
    /// conversation is with now (none while it waits in queue, even after a missed alert; the last one once it ended);
    /// the queue is the current party's, else the last one seen.</summary>
    public static Whereabouts Of(bool ended, IReadOnlyList<Party> parties)
    {
        var agents = parties.Where(p => p.IsAgent).Reverse().ToList();
        Party? where;
        ConversationStep step;
        if (ended) (where, step) = (null, ConversationStep.Ended);
        else if ((where = agents.FirstOrDefault(a => a.IsOpen && a.State != PartyState.AfterCallWork)) != null)
            step = AgentStep(where.State);
        else if ((where = agents.FirstOrDefault(a => a.State == PartyState.AfterCallWork)) != null)
            step = ConversationStep.AfterCallWork;
        else if ((where = parties.LastOrDefault(p => p.Is("acd") && p.IsOpen)) != null)
            step = ConversationStep.WaitingInQueue;
        else if ((where = parties.LastOrDefault(p => p.Is("ivr") && p.IsOpen)) != null)
            step = ConversationStep.InIvr;
        else step = ConversationStep.Unknown;

        var agent = where is { IsAgent: true } ? where : ended ? agents.FirstOrDefault() : null;
        var queue = where?.QueueId != null ? where : parties.LastOrDefault(p => p.QueueId != null);
        return new Whereabouts(step, agent, queue);
    }

    private static ConversationStep AgentStep(PartyState state) => state switch
    {
        PartyState.Alerting => ConversationStep.Alerting,
        PartyState.Held => ConversationStep.OnHold,
        _ => ConversationStep.Talking,
    };
}
