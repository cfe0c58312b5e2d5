using GenesysConvo.Emulator.Conversations;

namespace GenesysConvo.Emulator.Analytics;

/// <summary>
/// The session a metric was emitted on, with its dimension values as the aggregates query groups and filters them:
/// conversation (conversationId, divisionId — multi-valued —, originatingDirection, conversationInitiator,
/// customerParticipation, firstQueue), participant (purpose, userId, participantName), session (sessionId, mediaType,
/// messageType, direction, ani, dnis, addressFrom/To, edgeId, peerId, provider, remote, requestedRouting — multi-valued —,
/// usedRouting, selectedAgentId) and the session's segments (queueId = first segment with a queue, wrapUpCode = the
/// wrap-up segment's code, disconnectType = the last disconnect). Any other dimension has no value (never generated).
/// </summary>
public sealed class EmissionSource
{
    public required AnalyticsConversation Conversation { get; init; }
    public required AnalyticsParticipant Participant { get; init; }
    public required AnalyticsSession Session { get; init; }
    public string? QueueId { get; init; }
    public string? WrapUpCode { get; init; }
    public string? DisconnectType { get; init; }
    public string? FirstQueue { get; init; }
    /// <summary>Whether the session has a tAbandon emission (queue abandon), for the service level.</summary>
    public bool Abandoned { get; init; }

    /// <summary>Cached group keys of this source (set by the aggregation, one thread).</summary>
    internal List<(string Key, Dictionary<string, string> Group)>? Groups { get; set; }

    public string[] Dimension(string dim)
    {
        var (c, p, s) = (Conversation, Participant, Session);
        return dim switch
        {
            "conversationId" => One(c.ConversationId),
            "divisionId" => c.DivisionIds?.ToArray() ?? [],
            "originatingDirection" => One(c.OriginatingDirection),
            "conversationInitiator" => One(c.ConversationInitiator),
            "customerParticipation" => One(c.CustomerParticipation is { } b ? (b ? "true" : "false") : null),
            "firstQueue" => One(FirstQueue),
            "purpose" => One(p.Purpose),
            "userId" => One(p.UserId),
            "participantName" => One(p.ParticipantName),
            "sessionId" => One(s.SessionId),
            "mediaType" => One(s.MediaType),
            "messageType" => One(s.MessageType),
            "direction" => One(s.Direction),
            "ani" => One(s.Ani),
            "dnis" => One(s.Dnis),
            "sessionDnis" => One(s.SessionDnis),
            "addressFrom" => One(s.AddressFrom),
            "addressTo" => One(s.AddressTo),
            "edgeId" => One(s.EdgeId),
            "peerId" => One(s.PeerId),
            "provider" => One(s.Provider),
            "remote" => One(s.Remote),
            "requestedRouting" => s.RequestedRoutings?.ToArray() ?? [],
            "usedRouting" => One(s.UsedRouting),
            "selectedAgentId" => One(s.SelectedAgentId),
            "queueId" => One(QueueId),
            "wrapUpCode" => One(WrapUpCode),
            "disconnectType" => One(DisconnectType),
            _ => [],
        };
    }

    private static string[] One(string? v) => v is null ? [] : [v];
}

public readonly record struct MetricEmission(EmissionSource Source, string Name, long Value, DateTimeOffset EmitDate, long ConversationIndex);

/// <summary>
/// Every metric emission (session <c>metrics[]</c> entry) whose emitDate lies in [from, to), over the generator's index
/// range: conversations that started up to <see cref="LookBack"/> before <c>from</c> (longest conversation + wrap-up)
/// and before <c>to</c> / now. Records are those the details query serves at <c>now</c> (not-yet-emitted metrics absent).
/// </summary>
public static class MetricEmissions
{
    /// <summary>MaxConversationDuration (12 h) + the longest after-call work (10 min), rounded up.</summary>
    public static readonly TimeSpan LookBack = ConversationGenerator.MaxConversationDuration + TimeSpan.FromHours(1);

    public static List<MetricEmission> Collect(ConversationGenerator generator, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        QueryFilter? filter, Func<string, bool> wanted)
    {
        var upper = to < now ? to : now.AddTicks(1);
        var (first, end) = generator.IndexRangeFor(from - LookBack, upper);
        var count = (int)Math.Max(0, end - first);
        var perConversation = new List<MetricEmission>?[count];

        void Visit(int i)
        {
            var k = first + i;
            var c = generator.Get(k, now);
            if (c is null) return;
            List<MetricEmission>? found = null;
            string? firstQueue = null;
            foreach (var p in c.Participants)
            {
                if (p.Purpose != "acd") continue;
                firstQueue = p.Sessions.SelectMany(s => s.Segments).Select(x => x.QueueId).FirstOrDefault(q => q is not null);
                if (firstQueue is not null) break;
            }

            foreach (var p in c.Participants)
            foreach (var s in p.Sessions)
            {
                EmissionSource? source = null;
                var passes = true;
                foreach (var m in s.Metrics)
                {
                    if (m.EmitDate is not { } at || at < from || at >= to || m.Name is null || !wanted(m.Name)) continue;
                    if (source is null)
                    {
                        source = SourceOf(c, p, s, firstQueue);
                        passes = filter is null || Holds(filter, source);
                    }

                    if (!passes) break;
                    (found ??= []).Add(new MetricEmission(source, m.Name, m.Value ?? 0, at, k));
                }
            }

            perConversation[i] = found;
        }

        if (count > 256) Parallel.For(0, count, Visit);
        else for (var i = 0; i < count; i++) Visit(i);

        var all = new List<MetricEmission>();
        foreach (var list in perConversation)
            if (list is not null) all.AddRange(list);
        return all;
    }

    private static EmissionSource SourceOf(AnalyticsConversation c, AnalyticsParticipant p, AnalyticsSession s, string? firstQueue)
    {
        string? queueId = null, wrapUpCode = null, disconnectType = null;
        foreach (var seg in s.Segments)
        {
            queueId ??= seg.QueueId;
            if (seg.SegmentType == "wrapup" && seg.WrapUpCode is not null) wrapUpCode = seg.WrapUpCode;
            if (seg.DisconnectType is not null) disconnectType = seg.DisconnectType;
        }

        return new EmissionSource
        {
            Conversation = c, Participant = p, Session = s,
            QueueId = queueId, WrapUpCode = wrapUpCode, DisconnectType = disconnectType, FirstQueue = firstQueue,
            Abandoned = s.Metrics.Any(m => m.Name == "tAbandon"),
        };
    }

    /// <summary>ConversationAggregateQueryFilter on the emission's dimensions: type and/or over predicates and clauses.</summary>
    public static bool Holds(QueryFilter f, EmissionSource s)
    {
        var parts = (f.Predicates ?? []).Select(p => (Func<bool>)(() => Predicates.DimensionMatches(p, s.Dimension(p.Dimension!))))
            .Concat((f.Clauses ?? []).Select(cl => (Func<bool>)(() => Combine(cl.Type!,
                (cl.Predicates ?? []).Select(p => (Func<bool>)(() => Predicates.DimensionMatches(p, s.Dimension(p.Dimension!))))))));
        return Combine(f.Type!, parts);
    }

    private static bool Combine(string type, IEnumerable<Func<bool>> parts) => type == "or" ? parts.Any(x => x()) : parts.All(x => x());
}
