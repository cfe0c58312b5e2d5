using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Live;

/// <summary>ActiveConversation records from either live source: an analytics record of the org-wide list, or the
/// real-time Conversation of one id (or -Mine). Both read their participants into parties and let
/// <see cref="Whereabouts"/> say where the conversation is. Names come from the resolver's cache: resolve first.</summary>
internal sealed class ActiveConversationBuilder
{
    private static readonly string[] s_endedStates = { "disconnected", "terminated" };
    private static readonly string[] s_alertingStates = { "alerting", "offering", "dialing", "contacting" };
    private static readonly string[] s_alertingSegments = { "alert", "dialing", "contacting" };
    private static readonly string[] s_acwDone = { "complete", "skipped", "notApplicable" };

    private readonly Func<NameKind, string?, string?> _nameOf;
    private readonly DateTimeOffset _now;

    public ActiveConversationBuilder(Func<NameKind, string?, string?> nameOf, DateTimeOffset now)
    {
        _nameOf = nameOf;
        _now = now;
    }

    /// <summary>Names what live participants refer to (users, queues, wrap-up codes) before records are built from them.</summary>
    public static Task NameAsync(NameResolver names, IReadOnlyCollection<Participant> participants, CancellationToken cancellationToken) =>
        names.ResolveAllAsync(new[]
        {
            (NameKind.User, participants.Select(p => p.UserId)),
            (NameKind.Queue, participants.Select(p => p.QueueId)),
            (NameKind.WrapUpCode, participants.Select(p => p.Wrapup?.Code)),
        }, cancellationToken);

    /// <summary>From an analytics record: each participant's last open segment says what it does.</summary>
    public ActiveConversation FromDetails(AnalyticsConversation c)
    {
        var summary = new ConversationRecordBuilder(_nameOf, _now).Conversation(c);
        var parties = c.Participants.Select(PartyOf).ToList();
        var where = Whereabouts.Of(c.ConversationEnd != null, parties);
        return new ActiveConversation
        {
            ConversationId = c.ConversationId,
            MediaType = summary.MediaType,
            Direction = summary.Direction,
            StartTime = c.ConversationStart,
            LiveFor = (c.ConversationEnd ?? _now) - c.ConversationStart,
            Step = where.Step,
            Queue = NameOrId(NameKind.Queue, where.QueueId),
            QueueId = where.QueueId,
            Agent = NameOrId(NameKind.User, where.Agent?.UserId),
            AgentId = where.Agent?.UserId,
            CustomerAddress = summary.CustomerAddress,
            EndTime = c.ConversationEnd,
            WrapUpCode = summary.WrapUpCode,
            DivisionId = summary.DivisionId,
            Detail = c,
        };
    }

    /// <summary>From the real-time Conversation: each participant's open communication (or unfinished after-call work).</summary>
    public ActiveConversation FromLive(Conversation c)
    {
        var participants = (c.Participants ?? new List<Participant>()).Select(ToParticipant).ToList();
        var parties = participants.Select(PartyOf).ToList();
        var where = Whereabouts.Of(c.EndTime != null, parties);
        var agent = where.Agent is { } a ? participants[parties.IndexOf(a)] : null;
        var queue = where.Queue is { } q ? participants[parties.IndexOf(q)] : null;
        var customer = participants.FirstOrDefault(p => IsCustomer(p.Purpose));
        var customerAddress = CustomerAddresses.Of(c.Participants?.FirstOrDefault(p => IsCustomer(p.Purpose)));
        var start = c.StartTime ?? participants.Select(p => p.StartTime).Where(t => t != null).Min() ?? _now;
        return new ActiveConversation
        {
            ConversationId = c.Id ?? "",
            MediaType = string.Join("; ", participants
                .SelectMany(p => p.Communications)
                .Select(m => m.MediaType)
                .Where(m => m != null)
                .Distinct()),
            Direction = customer?.Communications.FirstOrDefault()?.Direction,
            StartTime = start,
            LiveFor = (c.EndTime ?? _now) - start,
            Step = where.Step,
            Queue = queue?.QueueName ?? where.QueueId,
            QueueId = where.QueueId,
            Agent = agent?.UserName ?? agent?.Name ?? agent?.UserId,
            AgentId = agent?.UserId,
            CustomerAddress = customerAddress,
            EndTime = c.EndTime,
            RecordingState = c.RecordingState,
            WrapUpCode = participants
                .Where(p => IsAgent(p.Purpose))
                .Reverse()
                .Select(p => p.WrapUpName ?? p.WrapUpCode)
                .FirstOrDefault(w => w != null),
            DivisionId = c.Divisions?.Select(d => d.Division?.Id).FirstOrDefault(d => d != null),
            Participants = participants,
        };
    }

    private static Party PartyOf(ConversationParticipant p)
    {
        var segments = p.Sessions.SelectMany(s => s.Segments).ToList();
        var open = segments.LastOrDefault(g => g.SegmentEnd is null);
        var queueId = open?.QueueId ?? segments.LastOrDefault(g => g.QueueId != null)?.QueueId;
        var type = (open?.SegmentType ?? "").ToLowerInvariant();
        var state = open is null ? PartyState.Closed
            : s_alertingSegments.Contains(type) ? PartyState.Alerting
            : type == "hold" ? PartyState.Held
            : type == "wrapup" ? PartyState.AfterCallWork
            : PartyState.Connected;
        return new Party(p.Purpose, p.UserId, queueId, state);
    }

    private static Party PartyOf(LiveParticipant p)
    {
        var open = p.Communications.FirstOrDefault(m => m.State != null && !s_endedStates.Contains(m.State.ToLowerInvariant()));
        var state = open is null ? (InAfterCallWork(p) ? PartyState.AfterCallWork : PartyState.Closed)
            : s_alertingStates.Contains(open.State!.ToLowerInvariant()) ? PartyState.Alerting
            : open.Held ? PartyState.Held
            : PartyState.Connected;
        return new Party(p.Purpose, p.UserId, p.QueueId, state);
    }

    /// <summary>afterCallWork.state is unknown, notApplicable (e.g. an agent who let it ring out), skipped, pending or
    /// complete (the SDKs' enum): only pending is after-call work; without a known state, a required wrap-up not given is.</summary>
    private static bool InAfterCallWork(LiveParticipant agent)
    {
        var states = agent.Communications.Select(m => m.AfterCallWorkState).Where(s => s != null).ToList();
        if (states.Any(s => string.Equals(s, "pending", StringComparison.OrdinalIgnoreCase))) return true;
        if (states.Any(s => s_acwDone.Contains(s!, StringComparer.OrdinalIgnoreCase))) return false;
        return agent.WrapupRequired && agent.WrapUpCode is null;
    }

    private LiveParticipant ToParticipant(Participant p) => new LiveParticipant
    {
        ParticipantId = p.Id,
        Purpose = p.Purpose,
        Name = p.Name,
        UserId = p.UserId,
        UserName = _nameOf(NameKind.User, p.UserId) ?? p.Name,
        QueueId = p.QueueId,
        QueueName = p.QueueName ?? _nameOf(NameKind.Queue, p.QueueId),
        Address = p.Address ?? p.Ani,
        StartTime = p.StartTime,
        ConnectedTime = p.ConnectedTime,
        EndTime = p.EndTime,
        WrapupRequired = p.WrapupRequired ?? false,
        WrapUpCode = p.Wrapup?.Code,
        WrapUpName = p.Wrapup?.Name ?? _nameOf(NameKind.WrapUpCode, p.Wrapup?.Code),
        Communications = p.Media().SelectMany(media => (media.Communications ?? new List<Communication>()).Select(m => new LiveCommunication
        {
            Id = m.Id, MediaType = media.MediaType, State = m.State, Direction = m.Direction,
            Held = m.Held ?? false, Muted = m.Muted ?? false, Recording = m.Recording ?? false,
            RecordingState = m.RecordingState, DisconnectType = m.DisconnectType,
            ConnectedTime = m.ConnectedTime, DisconnectedTime = m.DisconnectedTime, AfterCallWorkState = m.AfterCallWork?.State,
        })).ToList(),
    };

    private string? NameOrId(NameKind kind, string? id) => id is null ? null : _nameOf(kind, id) ?? id;

    /// <summary>A participant purpose of the org's side (the live API says agent or user).</summary>
    internal static bool IsAgent(string? purpose) =>
        string.Equals(purpose, "agent", StringComparison.OrdinalIgnoreCase)
        || string.Equals(purpose, "user", StringComparison.OrdinalIgnoreCase);

    internal static bool IsCustomer(string? purpose) =>
        string.Equals(purpose, "customer", StringComparison.OrdinalIgnoreCase)
        || string.Equals(purpose, "external", StringComparison.OrdinalIgnoreCase);
}
