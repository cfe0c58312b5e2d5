using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Core.Conversations.Live;

namespace GenesysConvo.Core.Conversations.Watch;

/// <summary>
/// What changed between two states of one conversation, by the step Get-GenesysActiveConversation names (one algorithm,
/// <see cref="Whereabouts"/>), the agent and the queue: the first sight is Started (or the step it is first seen at),
/// then EnteredQueue, Alerting, Connected / Resumed (after hold) / Transferred (another agent or queue), Held,
/// AfterCallWork, and Ended, or Abandoned when it ended without ever reaching an agent. The same state again is Updated.
/// Bounded: a conversation is forgotten once it ended.
/// </summary>
internal sealed class ChangeReader
{
    private readonly Dictionary<string, Seen> _seen = new Dictionary<string, Seen>(StringComparer.OrdinalIgnoreCase);

    private sealed class Seen
    {
        public ConversationStep Step;
        public string? AgentId;
        public string? QueueId;
        public bool Answered;
        public string? Body;
        public DateTimeOffset FirstSeen;
    }

    public int Count => _seen.Count;

    /// <summary>A state read from the live APIs (snapshot): remembered as the base of the next change.</summary>
    public void Remember(ActiveConversation state, DateTimeOffset now)
    {
        if (state.Step == ConversationStep.Ended) { _seen.Remove(state.ConversationId); return; }
        _seen[state.ConversationId] = new Seen
        {
            Step = state.Step, AgentId = state.AgentId, QueueId = state.QueueId, FirstSeen = now,
            Answered = state.Step == ConversationStep.Talking || state.Step == ConversationStep.OnHold
                       || state.Step == ConversationStep.AfterCallWork,
        };
    }

    public void Forget() => _seen.Clear();

    /// <summary>When this conversation was first seen (a stand-in for its start when the event carries none).</summary>
    public DateTimeOffset? FirstSeen(string conversationId) =>
        _seen.TryGetValue(conversationId, out var s) ? s.FirstSeen : (DateTimeOffset?)null;

    /// <summary>Whether <paramref name="body"/> is exactly what was last seen for the conversation (a duplicate).</summary>
    public bool IsRepeat(string conversationId, string body) =>
        _seen.TryGetValue(conversationId, out var s) && string.Equals(s.Body, body, StringComparison.Ordinal);

    public ConversationChange Read(ActiveConversation now, string? body, DateTimeOffset at)
    {
        _seen.TryGetValue(now.ConversationId, out var before);
        var change = Classify(before, now);
        var answered = (before?.Answered ?? false) || now.Step == ConversationStep.Talking || now.Step == ConversationStep.OnHold;
        if (change == ConversationChange.Ended && !answered && !string.IsNullOrEmpty(before?.QueueId ?? now.QueueId))
            change = ConversationChange.Abandoned;
        if (now.Step == ConversationStep.Ended) _seen.Remove(now.ConversationId);
        else
            _seen[now.ConversationId] = new Seen
            {
                Step = now.Step, AgentId = now.AgentId, QueueId = now.QueueId, Answered = answered, Body = body,
                FirstSeen = before?.FirstSeen ?? at,
            };
        return change;
    }

    private static ConversationChange Classify(Seen? before, ActiveConversation now)
    {
        if (before == null)
            return now.Step == ConversationStep.InIvr || now.Step == ConversationStep.Unknown
                ? ConversationChange.Started : StepChange(now.Step);
        if (before.Step == now.Step)
        {
            var moved = !string.Equals(before.AgentId, now.AgentId, StringComparison.OrdinalIgnoreCase)
                        || !string.Equals(before.QueueId, now.QueueId, StringComparison.OrdinalIgnoreCase);
            return moved && before.Step != ConversationStep.Unknown ? ConversationChange.Transferred : ConversationChange.Updated;
        }

        if (now.Step == ConversationStep.Talking)
        {
            if (before.Step == ConversationStep.OnHold) return ConversationChange.Resumed;
            if (before.Step == ConversationStep.Talking || before.Step == ConversationStep.AfterCallWork)
                return ConversationChange.Transferred;
        }

        if (now.Step == ConversationStep.WaitingInQueue && before.Answered) return ConversationChange.Transferred;
        return StepChange(now.Step);
    }

    private static ConversationChange StepChange(ConversationStep step) => step switch
    {
        ConversationStep.InIvr => ConversationChange.Started,
        ConversationStep.WaitingInQueue => ConversationChange.EnteredQueue,
        ConversationStep.Alerting => ConversationChange.Alerting,
        ConversationStep.Talking => ConversationChange.Connected,
        ConversationStep.OnHold => ConversationChange.Held,
        ConversationStep.AfterCallWork => ConversationChange.AfterCallWork,
        ConversationStep.Ended => ConversationChange.Ended,
        _ => ConversationChange.Updated,
    };

    /// <summary>Detail events say what happened themselves.</summary>
    public static ConversationChange OfDetail(string suffix, string? acdOutcome) => suffix switch
    {
        "customer.start" => ConversationChange.Started,
        "customer.end" => ConversationChange.CustomerLeft,
        "acd.start" => ConversationChange.EnteredQueue,
        "acd.end" => string.Equals(acdOutcome, "ABANDON", StringComparison.OrdinalIgnoreCase)
            ? ConversationChange.Abandoned : ConversationChange.LeftQueue,
        "user.start" => ConversationChange.Alerting,
        "user.end" => ConversationChange.AgentLeft,
        "acw" => ConversationChange.WrapUpDone,
        _ => ConversationChange.Updated,
    };

    /// <summary>Since when it waits in its queue: the queue party's connected time (live API) or its open ACD segment.</summary>
    public static DateTimeOffset? WaitingSince(ActiveConversation c)
    {
        if (c.Step != ConversationStep.WaitingInQueue) return null;
        var acd = c.Participants.LastOrDefault(p => string.Equals(p.Purpose, "acd", StringComparison.OrdinalIgnoreCase));
        if (acd?.ConnectedTime != null) return acd.ConnectedTime;
        return c.Detail?.Participants
            .Where(p => string.Equals(p.Purpose, "acd", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Sessions).SelectMany(s => s.Segments)
            .LastOrDefault(g => g.SegmentEnd == null)?.SegmentStart;
    }
}
