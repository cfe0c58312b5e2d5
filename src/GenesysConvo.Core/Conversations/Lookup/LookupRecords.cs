using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Conversations.Live;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Lookup;

/// <summary>The records of a lookup, in history's shapes (ConversationRecord, or -Expand rows) so views and Export-Csv
/// treat them alike: from the analytics record (history's builder), from the live conversation (the live builder's
/// reading of it), or the analytics record with the live API's newer facts. Names come from the resolver's cache.</summary>
internal sealed class LookupRecords
{
    private const string Separator = ConversationRecordBuilder.Separator;
    private readonly Func<NameKind, string?, string?> _nameOf;
    private readonly DateTimeOffset _now;
    private readonly ConversationRecordBuilder _history;
    private readonly ActiveConversationBuilder _live;

    public LookupRecords(Func<NameKind, string?, string?> nameOf, DateTimeOffset now)
    {
        _nameOf = nameOf;
        _now = now;
        _history = new ConversationRecordBuilder(nameOf, now);
        _live = new ActiveConversationBuilder(nameOf, now);
    }

    /// <summary>The record (or rows) of one conversation; at least one source is given.</summary>
    public IEnumerable<object> Shape(AnalyticsConversation? detail, Conversation? live, DateTimeOffset asOf, HistoryExpansion expand)
    {
        var active = live is null ? null : _live.FromLive(live);
        if (detail is null) return LiveShape(live!, active!, asOf, expand);

        var end = active is null ? detail.ConversationEnd : active.EndTime;
        IEnumerable<ConversationChildRow> rows = expand switch
        {
            HistoryExpansion.Participant => _history.Participants(detail),
            HistoryExpansion.Session => _history.Sessions(detail),
            HistoryExpansion.Segment => _history.Segments(detail),
            _ => Array.Empty<ConversationChildRow>(),
        };
        if (expand != HistoryExpansion.None) return rows.Select(row => WithEnd(row, end));

        var record = _history.Conversation(detail);
        record.AsOf = asOf;
        if (active is null) return new object[] { record };
        // The live API is current; analytics shows the conversation as it was a few minutes ago (docs/genesys-api.md §5.4).
        record.Source = ConversationSource.Both;
        record.Live = active;
        record.EndTime = active.EndTime;
        record.IsActive = active.EndTime is null;
        record.Duration = (active.EndTime ?? _now) - record.StartTime;
        record.DisconnectType ??= CustomerDisconnect(live!);
        var queueIds = Union(record.QueueId, active.Participants.Select(p => p.QueueId));
        var agentIds = Union(record.AgentId,
            active.Participants.Where(p => ActiveConversationBuilder.IsAgent(p.Purpose)).Select(p => p.UserId));
        var wrapUpIds = Union(record.WrapUpCodeId, active.Participants.Select(p => p.WrapUpCode));
        (record.QueueId, record.Queue) = (Join(queueIds), JoinNames(NameKind.Queue, queueIds));
        (record.AgentId, record.Agent) = (Join(agentIds), JoinNames(NameKind.User, agentIds));
        (record.WrapUpCodeId, record.WrapUpCode) = (Join(wrapUpIds), JoinNames(NameKind.WrapUpCode, wrapUpIds));
        return new object[] { record };
    }

    /// <summary>A conversation analytics does not have yet. The live API has no segments and no metrics: -Expand
    /// Segment writes nothing for it, and the durations stay empty until analytics has it.</summary>
    private IEnumerable<object> LiveShape(Conversation live, ActiveConversation active, DateTimeOffset asOf, HistoryExpansion expand)
    {
        if (expand != HistoryExpansion.None) return LiveRows(active, expand);
        var participants = active.Participants;
        var raw = live.Participants ?? new List<Participant>();
        var customer = raw.FirstOrDefault(p => ActiveConversationBuilder.IsCustomer(p.Purpose));
        var queueIds = Distinct(participants.Select(p => p.QueueId));
        var agentIds = Distinct(participants.Where(p => ActiveConversationBuilder.IsAgent(p.Purpose)).Select(p => p.UserId));
        var wrapUpIds = Distinct(participants.Select(p => p.WrapUpCode));
        return new object[]
        {
            new ConversationRecord
            {
                ConversationId = active.ConversationId,
                StartTime = active.StartTime,
                EndTime = active.EndTime,
                Duration = active.LiveFor,
                IsActive = active.EndTime is null,
                MediaType = active.MediaType,
                Direction = active.Direction,
                Ani = customer?.Ani,
                Dnis = customer?.Dnis,
                CustomerAddress = active.CustomerAddress,
                Queue = JoinNames(NameKind.Queue, queueIds),
                QueueId = Join(queueIds),
                Agent = JoinNames(NameKind.User, agentIds),
                AgentId = Join(agentIds),
                WrapUpCode = JoinNames(NameKind.WrapUpCode, wrapUpIds),
                WrapUpCodeId = Join(wrapUpIds),
                DisconnectType = CustomerDisconnect(live),
                DivisionId = Join(Distinct(live.Divisions?.Select(d => d.Division?.Id) ?? Array.Empty<string?>())),
                Source = ConversationSource.Live,
                AsOf = asOf,
                Live = active,
            },
        };
    }

    /// <summary>-Expand rows of a conversation only the live API has: a participant row per participant, a session row per
    /// communication, no segment rows (the live API has none).</summary>
    private static IEnumerable<object> LiveRows(ActiveConversation active, HistoryExpansion expand)
    {
        var participants = active.Participants;
        switch (expand)
        {
            case HistoryExpansion.Participant:
                return participants.Select(p => Fill(new ConversationParticipantRow
                {
                    SessionCount = p.Communications.Count,
                    MediaType = Join(Distinct(p.Communications.Select(m => m.MediaType))),
                    Queue = p.QueueName ?? p.QueueId,
                    QueueId = p.QueueId,
                    WrapUpCode = p.WrapUpName ?? p.WrapUpCode,
                    WrapUpCodeId = p.WrapUpCode,
                    FirstSegmentStart = p.StartTime,
                    LastSegmentEnd = p.EndTime,
                }, active, p));
            case HistoryExpansion.Session:
                return participants.SelectMany(p => p.Communications.Select(m => Fill(new ConversationSessionRow
                {
                    SessionId = m.Id,
                    MediaType = m.MediaType,
                    Direction = m.Direction,
                    Queue = p.QueueName ?? p.QueueId,
                    QueueId = p.QueueId,
                    WrapUpCode = p.WrapUpName ?? p.WrapUpCode,
                    WrapUpCodeId = p.WrapUpCode,
                    DisconnectType = m.DisconnectType,
                }, active, p)));
            default:
                return Array.Empty<object>();
        }
    }

    private static T Fill<T>(T row, ActiveConversation conversation, LiveParticipant p) where T : ConversationChildRow
    {
        row.ConversationId = conversation.ConversationId;
        row.ConversationStart = conversation.StartTime;
        row.ConversationEnd = conversation.EndTime;
        row.ParticipantId = p.ParticipantId;
        row.Purpose = p.Purpose;
        row.ParticipantName = p.Name;
        row.UserId = p.UserId;
        row.UserName = p.UserId is null ? null : p.UserName;
        row.CustomerAddress = conversation.CustomerAddress;
        return row;
    }

    private static ConversationChildRow WithEnd(ConversationChildRow row, DateTimeOffset? end)
    {
        row.ConversationEnd = end;
        return row;
    }

    /// <summary>How the customer's side ended, as its last disconnected communication says.</summary>
    private static string? CustomerDisconnect(Conversation live) => (live.Participants ?? new List<Participant>())
        .Where(p => ActiveConversationBuilder.IsCustomer(p.Purpose))
        .SelectMany(p => p.Media().SelectMany(m => m.Communications ?? new List<Communication>()))
        .LastOrDefault(m => m.DisconnectType != null)?.DisconnectType;

    private static List<string> Union(string? joined, IEnumerable<string?> more) =>
        Distinct((joined ?? "").Split(new[] { Separator }, StringSplitOptions.RemoveEmptyEntries).Concat(more));

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string? Join(IReadOnlyCollection<string> values) => values.Count == 0 ? null : string.Join(Separator, values);

    private string? JoinNames(NameKind kind, IReadOnlyCollection<string> ids) =>
        ids.Count == 0 ? null : string.Join(Separator, ids.Select(id => _nameOf(kind, id) ?? id));
}
