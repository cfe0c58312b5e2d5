using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.History;

/// <summary>Flattens detail records into CSV-ready rows: one per conversation, or one per participant, session or
/// segment (-Expand). Names come from the resolver's cache, so resolve a page's ids first.</summary>
public sealed class ConversationRecordBuilder
{
    private const string Separator = "; ";
    private readonly Func<NameKind, string?, string?> _nameOf;
    private readonly DateTimeOffset _now;

    public ConversationRecordBuilder(Func<NameKind, string?, string?> nameOf, DateTimeOffset now)
    {
        _nameOf = nameOf;
        _now = now;
    }

    public ConversationRecord Conversation(AnalyticsConversation c)
    {
        var sessions = c.Participants.SelectMany(p => p.Sessions.Select(s => (Participant: p, Session: s))).ToList();
        var customer = sessions.FirstOrDefault(x => IsCustomer(x.Participant));
        var agents = c.Participants.Where(p => Is(p, "agent") || Is(p, "user")).ToList();
        var segments = sessions.SelectMany(x => x.Session.Segments).ToList();
        var metrics = sessions.SelectMany(x => x.Session.Metrics).ToList();
        var queueIds = Distinct(segments.Select(s => s.QueueId));
        var agentIds = Distinct(agents.Select(p => p.UserId));
        var wrapUpIds = Distinct(segments.Select(s => s.WrapUpCode));

        return new ConversationRecord
        {
            ConversationId = c.ConversationId,
            StartTime = c.ConversationStart,
            EndTime = c.ConversationEnd,
            Duration = (c.ConversationEnd ?? _now) - c.ConversationStart,
            IsActive = c.ConversationEnd is null,
            MediaType = Join(Distinct(sessions.Select(x => x.Session.MediaType))),
            Direction = customer.Session?.Direction ?? c.OriginatingDirection,
            OriginatingDirection = c.OriginatingDirection,
            Ani = customer.Session?.Ani ?? FirstOf(sessions.Select(x => x.Session.Ani)),
            Dnis = customer.Session?.Dnis ?? FirstOf(sessions.Select(x => x.Session.Dnis)),
            CustomerAddress = CustomerAddresses.Of(customer.Participant, c.OriginatingDirection),
            Queue = JoinNames(NameKind.Queue, queueIds),
            QueueId = Join(queueIds),
            Agent = JoinNames(NameKind.User, agentIds),
            AgentId = Join(agentIds),
            WrapUpCode = JoinNames(NameKind.WrapUpCode, wrapUpIds),
            WrapUpCodeId = Join(wrapUpIds),
            DisconnectType = customer.Session?.Segments.LastOrDefault(s => s.DisconnectType != null)?.DisconnectType
                             ?? segments.LastOrDefault(s => s.DisconnectType != null)?.DisconnectType,
            Abandoned = metrics.Any(m => m.Name == "tAbandon"),
            TransferCount = (int)metrics.Where(m => m.Name == "nTransferred").Sum(m => m.Value),
            DivisionId = Join(c.DivisionIds ?? new List<string>()),
            HandleTime = Total(metrics, "tHandle"),
            TalkTime = Total(metrics, "tTalk"),
            HoldTime = Total(metrics, "tHeld"),
            AcwTime = Total(metrics, "tAcw"),
            WaitTime = Total(metrics, "tAcd"),
            AlertTime = Total(metrics, "tAlert"),
            Source = ConversationSource.Analytics,
            Participants = c.Participants,
            Detail = c,
        };
    }

    public IEnumerable<ConversationParticipantRow> Participants(AnalyticsConversation c) =>
        c.Participants.Select(p =>
        {
            var segments = p.Sessions.SelectMany(s => s.Segments).ToList();
            var metrics = p.Sessions.SelectMany(s => s.Metrics).ToList();
            var queueIds = Distinct(segments.Select(s => s.QueueId));
            var wrapUpIds = Distinct(segments.Select(s => s.WrapUpCode));
            return Fill(new ConversationParticipantRow
            {
                SessionCount = p.Sessions.Count,
                MediaType = Join(Distinct(p.Sessions.Select(s => s.MediaType))),
                Queue = JoinNames(NameKind.Queue, queueIds),
                QueueId = Join(queueIds),
                WrapUpCode = JoinNames(NameKind.WrapUpCode, wrapUpIds),
                WrapUpCodeId = Join(wrapUpIds),
                FirstSegmentStart = segments.Count > 0 ? segments.Min(s => s.SegmentStart) : (DateTimeOffset?)null,
                LastSegmentEnd = segments.Count > 0 && segments.All(s => s.SegmentEnd != null) ? segments.Max(s => s.SegmentEnd) : null,
                HandleTime = Total(metrics, "tHandle"),
                TalkTime = Total(metrics, "tTalk"),
                HoldTime = Total(metrics, "tHeld"),
                AcwTime = Total(metrics, "tAcw"),
            }, c, p);
        });

    public IEnumerable<ConversationSessionRow> Sessions(AnalyticsConversation c) =>
        c.Participants.SelectMany(p => p.Sessions.Select(s =>
        {
            var queueIds = Distinct(s.Segments.Select(g => g.QueueId));
            var wrapUpIds = Distinct(s.Segments.Select(g => g.WrapUpCode));
            return Fill(new ConversationSessionRow
            {
                SessionId = s.SessionId,
                MediaType = s.MediaType,
                Direction = s.Direction,
                Ani = s.Ani,
                Dnis = s.Dnis,
                AddressFrom = s.AddressFrom,
                AddressTo = s.AddressTo,
                Queue = JoinNames(NameKind.Queue, queueIds),
                QueueId = Join(queueIds),
                WrapUpCode = JoinNames(NameKind.WrapUpCode, wrapUpIds),
                WrapUpCodeId = Join(wrapUpIds),
                DisconnectType = s.Segments.LastOrDefault(g => g.DisconnectType != null)?.DisconnectType,
                SegmentCount = s.Segments.Count,
                HandleTime = Total(s.Metrics, "tHandle"),
                TalkTime = Total(s.Metrics, "tTalk"),
                HoldTime = Total(s.Metrics, "tHeld"),
                AcwTime = Total(s.Metrics, "tAcw"),
                AlertTime = Total(s.Metrics, "tAlert"),
                WaitTime = Total(s.Metrics, "tAcd"),
            }, c, p);
        }));

    public IEnumerable<ConversationSegmentRow> Segments(AnalyticsConversation c) =>
        c.Participants.SelectMany(p => p.Sessions.SelectMany(s => s.Segments.Select(g => Fill(new ConversationSegmentRow
        {
            SessionId = s.SessionId,
            MediaType = s.MediaType,
            SegmentType = g.SegmentType,
            SegmentStart = g.SegmentStart,
            SegmentEnd = g.SegmentEnd,
            Duration = g.Duration,
            Queue = _nameOf(NameKind.Queue, g.QueueId),
            QueueId = g.QueueId,
            WrapUpCode = _nameOf(NameKind.WrapUpCode, g.WrapUpCode),
            WrapUpCodeId = g.WrapUpCode,
            WrapUpNote = g.WrapUpNote,
            DisconnectType = g.DisconnectType,
        }, c, p))));

    private T Fill<T>(T row, AnalyticsConversation c, ConversationParticipant p) where T : ConversationChildRow
    {
        row.ConversationId = c.ConversationId;
        row.ConversationStart = c.ConversationStart;
        row.ConversationEnd = c.ConversationEnd;
        row.OriginatingDirection = c.OriginatingDirection;
        row.ParticipantId = p.ParticipantId;
        row.Purpose = p.Purpose;
        row.ParticipantName = p.ParticipantName;
        row.UserId = p.UserId;
        row.UserName = _nameOf(NameKind.User, p.UserId);
        row.CustomerAddress = CustomerAddresses.Of(Customer(c), c.OriginatingDirection);
        return row;
    }

    private static ConversationParticipant? Customer(AnalyticsConversation c) => c.Participants.FirstOrDefault(IsCustomer);

    private static bool IsCustomer(ConversationParticipant p) => Is(p, "customer") || Is(p, "external");

    private static bool Is(ConversationParticipant p, string purpose) =>
        string.Equals(p.Purpose, purpose, StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? Total(IEnumerable<ConversationMetric> metrics, string name)
    {
        var matching = metrics.Where(m => m.Name == name).ToList();
        return matching.Count == 0 ? (TimeSpan?)null : TimeSpan.FromMilliseconds(matching.Sum(m => m.Value));
    }

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string? FirstOf(IEnumerable<string?> values) => values.FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string? Join(IReadOnlyCollection<string> values) => values.Count == 0 ? null : string.Join(Separator, values);

    private string? JoinNames(NameKind kind, IReadOnlyCollection<string> ids) =>
        ids.Count == 0 ? null : string.Join(Separator, ids.Select(id => _nameOf(kind, id) ?? id));
}
