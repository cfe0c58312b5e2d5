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
    /// <summary>Between the values of a joined column (Queue, QueueId, Agent…); the lookup splits on it too.</summary>
    internal const string Separator = "; ";
    private readonly Func<NameKind, string?, string?> _nameOf;
    private readonly DateTimeOffset _now;

    public ConversationRecordBuilder(Func<NameKind, string?, string?> nameOf, DateTimeOffset now)
    {
        _nameOf = nameOf;
        _now = now;
    }

    /// <summary>One record per conversation, from one pass over its participants, sessions, segments and metrics (this
    /// runs for every record of an export: no query chains, a handful of small lists).</summary>
    public ConversationRecord Conversation(AnalyticsConversation c)
    {
        ConversationParticipant? customer = null;
        ConversationSession? customerSession = null, lastWithDisconnect = null;
        string? firstAni = null, firstDnis = null;
        List<string> mediaTypes = new List<string>(1), queueIds = new List<string>(1), wrapUpIds = new List<string>(1),
            agentIds = new List<string>(1);
        var totals = new MetricTotals();
        foreach (var p in c.Participants)
        {
            if (Is(p, "agent") || Is(p, "user")) AddDistinct(agentIds, p.UserId);
            foreach (var s in p.Sessions)
            {
                if (customerSession is null && IsCustomer(p)) (customer, customerSession) = (p, s);
                AddDistinct(mediaTypes, s.MediaType);
                firstAni ??= string.IsNullOrEmpty(s.Ani) ? null : s.Ani;
                firstDnis ??= string.IsNullOrEmpty(s.Dnis) ? null : s.Dnis;
                foreach (var g in s.Segments)
                {
                    AddDistinct(queueIds, g.QueueId);
                    AddDistinct(wrapUpIds, g.WrapUpCode);
                    if (g.DisconnectType != null) lastWithDisconnect = s;
                }
                foreach (var m in s.Metrics) totals.Add(m);
            }
        }
        return new ConversationRecord
        {
            ConversationId = c.ConversationId,
            StartTime = c.ConversationStart,
            EndTime = c.ConversationEnd,
            Duration = (c.ConversationEnd ?? _now) - c.ConversationStart,
            IsActive = c.ConversationEnd is null,
            MediaType = Join(mediaTypes),
            Direction = customerSession?.Direction ?? c.OriginatingDirection,
            OriginatingDirection = c.OriginatingDirection,
            Ani = customerSession?.Ani ?? firstAni,
            Dnis = customerSession?.Dnis ?? firstDnis,
            CustomerAddress = CustomerAddresses.Of(customer, c.OriginatingDirection),
            Queue = JoinNames(NameKind.Queue, queueIds),
            QueueId = Join(queueIds),
            Agent = JoinNames(NameKind.User, agentIds),
            AgentId = Join(agentIds),
            WrapUpCode = JoinNames(NameKind.WrapUpCode, wrapUpIds),
            WrapUpCodeId = Join(wrapUpIds),
            DisconnectType = LastDisconnectType(customerSession) ?? LastDisconnectType(lastWithDisconnect),
            Abandoned = totals.Abandoned,
            TransferCount = (int)totals.Transferred,
            DivisionId = c.DivisionIds is null ? null : Join(c.DivisionIds),
            HandleTime = totals.Handle,
            TalkTime = totals.Talk,
            HoldTime = totals.Held,
            AcwTime = totals.Acw,
            WaitTime = totals.Acd,
            AlertTime = totals.Alert,
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
        long? sum = null;
        foreach (var m in metrics)
            if (m.Name == name) sum = (sum ?? 0) + m.Value;
        return sum is { } total ? TimeSpan.FromMilliseconds(total) : (TimeSpan?)null;
    }

    private static string? LastDisconnectType(ConversationSession? session)
    {
        if (session is null) return null;
        for (var i = session.Segments.Count - 1; i >= 0; i--)
            if (session.Segments[i].DisconnectType is { } type) return type;
        return null;
    }

    /// <summary>Adds a value not there yet, in any case (the lists hold a few ids: a scan beats a set).</summary>
    private static void AddDistinct(List<string> values, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        foreach (var known in values)
            if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase)) return;
        values.Add(value!);
    }

    private static List<string> Distinct(IEnumerable<string?> values)
    {
        var distinct = new List<string>(1);
        foreach (var value in values) AddDistinct(distinct, value);
        return distinct;
    }

    private static string? Join(IReadOnlyList<string> values) => values.Count switch
    {
        0 => null,
        1 => values[0] ?? "",   // as string.Join gives it
        _ => string.Join(Separator, values),
    };

    private string? JoinNames(NameKind kind, IReadOnlyList<string> ids)
    {
        if (ids.Count == 0) return null;
        if (ids.Count == 1) return _nameOf(kind, ids[0]) ?? ids[0];
        var names = new string[ids.Count];
        for (var i = 0; i < ids.Count; i++) names[i] = _nameOf(kind, ids[i]) ?? ids[i];
        return string.Join(Separator, names);
    }

    /// <summary>The conversation record's metric sums (milliseconds), in one pass over its metrics.</summary>
    private struct MetricTotals
    {
        private long? _handle, _talk, _held, _acw, _acd, _alert;

        public bool Abandoned { get; private set; }
        public long Transferred { get; private set; }
        public TimeSpan? Handle => Time(_handle);
        public TimeSpan? Talk => Time(_talk);
        public TimeSpan? Held => Time(_held);
        public TimeSpan? Acw => Time(_acw);
        public TimeSpan? Acd => Time(_acd);
        public TimeSpan? Alert => Time(_alert);

        public void Add(ConversationMetric m)
        {
            switch (m.Name)
            {
                case "tHandle": _handle = (_handle ?? 0) + m.Value; break;
                case "tTalk": _talk = (_talk ?? 0) + m.Value; break;
                case "tHeld": _held = (_held ?? 0) + m.Value; break;
                case "tAcw": _acw = (_acw ?? 0) + m.Value; break;
                case "tAcd": _acd = (_acd ?? 0) + m.Value; break;
                case "tAlert": _alert = (_alert ?? 0) + m.Value; break;
                case "tAbandon": Abandoned = true; break;
                case "nTransferred": Transferred += m.Value; break;
            }
        }

        private static TimeSpan? Time(long? milliseconds) =>
            milliseconds is { } total ? TimeSpan.FromMilliseconds(total) : (TimeSpan?)null;
    }
}
