using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>
/// The session a metric was emitted on, with its dimension values as the aggregates query groups and filters them:
/// conversation (conversationId, divisionId — multi-valued —, originatingDirection, conversationInitiator,
/// customerParticipation, firstQueue = queue of the first acd participant), participant (participantId, purpose, userId,
/// participantName), session (sessionId, mediaType, messageType, direction, ani, dnis, sessionDnis, addressFrom/To,
/// edgeId, peerId, provider, remote, requestedRouting — multi-valued —, usedRouting, selectedAgentId) and the session's
/// segments (queueId = first segment with a queue, wrapUpCode = the wrap-up segment's code, disconnectType = the last
/// disconnect). Any other dimension has no value (never generated). A compact copy: records are not kept.
/// </summary>
public sealed class EmissionSource
{
    public string? ConversationId { get; init; }
    public string[] DivisionIds { get; init; } = [];
    public string? OriginatingDirection { get; init; }
    public string? ConversationInitiator { get; init; }
    public bool? CustomerParticipation { get; init; }
    public string? FirstQueue { get; init; }
    public string? ParticipantId { get; init; }
    public string? Purpose { get; init; }
    public string? UserId { get; init; }
    public string? ParticipantName { get; init; }
    public string? SessionId { get; init; }
    public string? MediaType { get; init; }
    public string? MessageType { get; init; }
    public string? Direction { get; init; }
    public string? Ani { get; init; }
    public string? Dnis { get; init; }
    public string? SessionDnis { get; init; }
    public string? AddressFrom { get; init; }
    public string? AddressTo { get; init; }
    public string? EdgeId { get; init; }
    public string? PeerId { get; init; }
    public string? Provider { get; init; }
    public string? Remote { get; init; }
    public string[] RequestedRoutings { get; init; } = [];
    public string? UsedRouting { get; init; }
    public string? SelectedAgentId { get; init; }
    public string? QueueId { get; init; }
    public string? WrapUpCode { get; init; }
    public string? DisconnectType { get; init; }
    /// <summary>Whether the session has a tAbandon emission (abandoned in queue), for the service level.</summary>
    public bool Abandoned { get; init; }

    public string[] Dimension(string dim) => dim switch
    {
        "conversationId" => One(ConversationId),
        "divisionId" => DivisionIds,
        "originatingDirection" => One(OriginatingDirection),
        "conversationInitiator" => One(ConversationInitiator),
        "customerParticipation" => One(CustomerParticipation is { } b ? (b ? "true" : "false") : null),
        "firstQueue" => One(FirstQueue),
        "participantId" => One(ParticipantId),
        "purpose" => One(Purpose),
        "userId" => One(UserId),
        "participantName" => One(ParticipantName),
        "sessionId" => One(SessionId),
        "mediaType" => One(MediaType),
        "messageType" => One(MessageType),
        "direction" => One(Direction),
        "ani" => One(Ani),
        "dnis" => One(Dnis),
        "sessionDnis" => One(SessionDnis),
        "addressFrom" => One(AddressFrom),
        "addressTo" => One(AddressTo),
        "edgeId" => One(EdgeId),
        "peerId" => One(PeerId),
        "provider" => One(Provider),
        "remote" => One(Remote),
        "requestedRouting" => RequestedRoutings,
        "usedRouting" => One(UsedRouting),
        "selectedAgentId" => One(SelectedAgentId),
        "queueId" => One(QueueId),
        "wrapUpCode" => One(WrapUpCode),
        "disconnectType" => One(DisconnectType),
        _ => [],
    };

    private static string[] One(string? v) => v is null ? [] : [v];
}

public readonly record struct MetricEmission(
    EmissionSource Source, string Name, long Value, DateTimeOffset EmitDate, long ConversationIndex);

/// <summary>
/// Every metric emission (session <c>metrics[]</c> entry) whose emitDate lies in [from, to), over the generator's index
/// range: conversations that started up to <see cref="LookBackOf"/> before <c>from</c> (longest conversation + wrap-up)
/// and before <c>to</c> / now. Records are those the details query serves at <c>now</c> (not-yet-emitted metrics absent).
/// Conversations that started more than <see cref="LookBackOf"/> before now are complete and never change: their
/// emissions are cached in compact form, so repeated queries over the same days skip the generator.
/// </summary>
public static class MetricEmissions
{
    /// <summary>The generator's longest conversation (12 h; 5 days more with long-open conversations) + the longest
    /// after-call work (10 min), rounded up.</summary>
    public static TimeSpan LookBackOf(ConversationGenerator generator) => generator.LongestConversation + TimeSpan.FromHours(1);

    private const int MaxCachedConversations = 250_000;

    private readonly record struct Item(int Source, string Name, long Value, DateTimeOffset EmitDate);

    private sealed record Compact(EmissionSource[] Sources, Item[] Items);

    private static readonly ConditionalWeakTable<ConversationGenerator, ConcurrentDictionary<long, Compact>> Caches = new();
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    public static List<MetricEmission> Collect(ConversationGenerator generator, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        QueryFilter? filter, Func<string, bool> wanted)
    {
        var upper = to < now ? to : now.AddTicks(1);
        var lookBack = LookBackOf(generator);
        var (first, end) = generator.IndexRangeFor(from - lookBack, upper);
        var count = (int)Math.Max(0, end - first);
        var perConversation = new List<MetricEmission>?[count];
        var cache = Caches.GetValue(generator, _ => new ConcurrentDictionary<long, Compact>());
        if (cache.Count > MaxCachedConversations) cache.Clear();
        var fromTicks = from.UtcTicks;
        var toTicks = to.UtcTicks;

        void Visit(int i)
        {
            var k = first + i;
            // Only complete conversations (started more than the look-back before now) come from / go to the cache, so a
            // clock moved backwards never sees emissions or dimension values from its future.
            var complete = now - generator.StartOf(k) > lookBack;
            if (!complete || !cache.TryGetValue(k, out var compact))
            {
                var c = generator.Get(k, now);
                if (c is null) return;
                compact = ToCompact(c);
                if (complete) cache[k] = compact;
            }

            List<MetricEmission>? found = null;
            bool?[]? passes = null;
            foreach (var item in compact.Items)
            {
                var at = item.EmitDate.UtcTicks;
                if (at < fromTicks || at >= toTicks || !wanted(item.Name)) continue;
                var source = compact.Sources[item.Source];
                if (filter is not null)
                {
                    passes ??= new bool?[compact.Sources.Length];
                    passes[item.Source] ??= Holds(filter, source);
                    if (passes[item.Source] == false) continue;
                }

                (found ??= []).Add(new MetricEmission(source, item.Name, item.Value, item.EmitDate, k));
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

    private static Compact ToCompact(AnalyticsConversation c)
    {
        string? firstQueue = null;
        foreach (var p in c.Participants)
        {
            if (p.Purpose != "acd") continue;
            firstQueue = p.Sessions.SelectMany(s => s.Segments).Select(x => x.QueueId).FirstOrDefault(q => q is not null);
            if (firstQueue is not null) break;
        }

        var divisions = (c.DivisionIds ?? []).Select(Intern).ToArray()!;
        var sources = new List<EmissionSource>();
        var items = new List<Item>();
        foreach (var p in c.Participants)
            foreach (var s in p.Sessions)
            {
                if (s.Metrics.Count == 0) continue;
                string? queueId = null, wrapUpCode = null, disconnectType = null;
                foreach (var seg in s.Segments)
                {
                    queueId ??= seg.QueueId;
                    if (seg.SegmentType == "wrapup" && seg.WrapUpCode is not null) wrapUpCode = seg.WrapUpCode;
                    if (seg.DisconnectType is not null) disconnectType = seg.DisconnectType;
                }

                sources.Add(new EmissionSource
                {
                    ConversationId = c.ConversationId, DivisionIds = divisions!, OriginatingDirection = Intern(c.OriginatingDirection),
                    ConversationInitiator = Intern(c.ConversationInitiator), CustomerParticipation = c.CustomerParticipation,
                    FirstQueue = Intern(firstQueue),
                    ParticipantId = p.ParticipantId, Purpose = Intern(p.Purpose), UserId = Intern(p.UserId),
                    ParticipantName = p.UserId is null && p.Purpose != "acd" ? p.ParticipantName : Intern(p.ParticipantName),
                    SessionId = s.SessionId, MediaType = Intern(s.MediaType), MessageType = Intern(s.MessageType),
                    Direction = Intern(s.Direction),
                    Ani = s.Ani, Dnis = s.Dnis, SessionDnis = s.SessionDnis, AddressFrom = s.AddressFrom, AddressTo = s.AddressTo,
                    EdgeId = Intern(s.EdgeId), PeerId = s.PeerId, Provider = Intern(s.Provider), Remote = s.Remote,
                    RequestedRoutings = (s.RequestedRoutings ?? []).Select(Intern).ToArray()!, UsedRouting = Intern(s.UsedRouting),
                    SelectedAgentId = Intern(s.SelectedAgentId),
                    QueueId = Intern(queueId), WrapUpCode = Intern(wrapUpCode), DisconnectType = Intern(disconnectType),
                    Abandoned = s.Metrics.Any(m => m.Name == "tAbandon"),
                });
                foreach (var m in s.Metrics)
                {
                    if (m.Name is null || m.EmitDate is not { } at) continue;
                    items.Add(new Item(sources.Count - 1, Intern(m.Name)!, m.Value ?? 0, at));
                }
            }

        return new Compact(sources.ToArray(), items.ToArray());
    }

    /// <summary>Low-cardinality values (ids of queues/users/codes, enums) share one string instance.</summary>
    private static string? Intern(string? s) => s is null ? null : Pool.GetOrAdd(s, s);

    /// <summary>ConversationAggregateQueryFilter on the emission's dimensions: type and/or over predicates and clauses.</summary>
    public static bool Holds(QueryFilter f, EmissionSource s)
        => Predicates.FilterHolds(f, p => Predicates.DimensionMatches(p, s.Dimension(p.Dimension!)));
}
