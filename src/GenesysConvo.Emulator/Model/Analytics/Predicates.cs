using System.Globalization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Analytics;

/// <summary>The five filter arrays of a query, validated; <see cref="Key"/> identifies them for result caching.</summary>
public sealed class CompiledFilters
{
    public required IReadOnlyList<QueryFilter> Conversation { get; init; }
    public required IReadOnlyList<QueryFilter> Segment { get; init; }
    /// <summary>Evaluation, survey and resolution filters: no such data exists in the emulator.</summary>
    public required IReadOnlyList<QueryFilter> NoData { get; init; }
    public required string Key { get; init; }

    public bool IsEmpty => Conversation.Count == 0 && Segment.Count == 0 && NoData.Count == 0;
}

/// <summary>
/// Dimension/metric catalogs (SDK enums of ConversationDetailQueryPredicate, SegmentDetailQueryPredicate,
/// Evaluation/Survey/ResolutionDetailQueryPredicate) and predicate evaluation against generated records.
/// </summary>
public static partial class Predicates
{
    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);

    public static readonly HashSet<string> ConversationDimensions = Set(
        "accessAttribute", "conversationEnd", "conversationId", "conversationInitiator", "conversationStart",
        "customerParticipation", "divisionId", "externalTag", "mediaStatsMinConversationMos",
        "mediaStatsMinConversationRFactor", "originatingDirection", "originatingSocialMediaPublic");

    public static readonly HashSet<string> ConversationMetrics = Set(
        "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred",
        "nError", "nFlow", "nFlowMilestone", "nFlowOutcome", "nFlowOutcomeFailed", "nOffered", "nOutbound",
        "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected", "nOverSla", "nStateTransitionError",
        "nTransferred", "oAudioMessageCount", "oExternalAudioMessageCount", "oExternalMediaCount", "oFlowMilestone",
        "oMediaCount", "oMessageCount", "oMessageSegmentCount", "oMessageTurn", "tAbandon", "tAcd", "tActiveCallback",
        "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAgentVideoConnected", "tAlert", "tAnswered",
        "tAverageAgentResponseTime", "tAverageCustomerResponseTime", "tBarging", "tCoaching", "tCoachingComplete",
        "tConnected", "tContacting", "tConversationDuration", "tDialing", "tFirstConnect", "tFirstDial",
        "tFirstEngagement", "tFirstResponse", "tFlow", "tFlowDisconnect", "tFlowExit", "tFlowOut", "tFlowOutcome",
        "tHandle", "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete", "tNotResponding", "tPark",
        "tParkComplete", "tScreenMonitoring", "tShortAbandon", "tSnippetRecord", "tTalk", "tTalkComplete",
        "tUserResponseTime", "tVoicemail", "tWait");

    public static readonly HashSet<string> SegmentDimensions = Set(
        "activeSkillId", "addressFrom", "addressOther", "addressSelf", "addressTo", "agentAssistantId", "agentBullseyeRing",
        "agentOwned", "ani", "assignerId", "authenticated", "bargedParticipantId", "callbackNumber", "callbackScheduledTime",
        "canonicalExternalContactId", "cleared", "coachedParticipantId", "conference", "conversationId", "convertedFrom",
        "convertedTo", "deliveryStatus", "destinationAddress", "destinationConversationId", "destinationSessionId",
        "direction", "disconnectType", "divisionId", "dnis", "edgeId", "entryReason", "entryType", "errorCode",
        "exitReason", "extendedDeliveryStatus", "externalContactId", "externalOrganizationId", "flaggedReason",
        "flowId", "flowInType", "flowName", "flowOutType", "flowOutcome", "flowOutcomeId", "flowOutcomeValue",
        "flowType", "flowVersion", "groupId", "journeyActionId", "journeyActionMapId", "journeyActionMapVersion",
        "journeyCustomerId", "journeyCustomerIdType", "journeyCustomerSessionId", "journeyCustomerSessionIdType",
        "knowledgeBaseId", "mediaCount", "mediaType", "messageType", "monitoredParticipantId", "outboundCampaignId",
        "outboundContactId", "outboundContactListId", "participantId", "participantName", "peerId", "proposedAgentId",
        "protocolCallId", "provider", "purpose", "q850ResponseCode", "queueId", "recording", "remote",
        "remoteNameDisplayable", "removedSkillId", "requestedLanguageId", "requestedRouting", "requestedRoutingSkillId",
        "requestedRoutingUserId", "roomId", "routingPriority", "routingRing", "routingRule", "routingRuleType",
        "scoredAgentId", "scriptId", "segmentEnd", "segmentType", "selectedAgentId", "sessionDnis", "sessionId",
        "sipResponseCode", "sourceConversationId", "sourceSessionId", "stationId", "subject", "teamId",
        "transferTargetAddress", "transferTargetName", "transferType", "usedRouting", "userId", "videoPresent",
        "wrapUpCode", "wrapUpNote", "wrapUpTag");

    public static readonly HashSet<string> SegmentMetrics = Set("tSegmentDuration");

    private static readonly HashSet<string> EvaluationDimensions = Set(
        "assigneeApplicable", "assigneeId", "calibrationId", "contextId", "deleted", "evaluationId", "evaluationStatus",
        "evaluatorId", "eventTime", "formId", "formName", "queueId", "released", "rescored", "systemSubmitted", "userId");
    private static readonly HashSet<string> EvaluationMetrics = Set("oTotalCriticalScore", "oTotalScore");
    private static readonly HashSet<string> SurveyDimensions = Set(
        "eventTime", "queueId", "surveyCompletedDate", "surveyFormContextId", "surveyFormId", "surveyFormName", "surveyId",
        "surveyPartialResponse", "surveyPromoterScore", "surveyStatus", "surveyType", "userId");
    private static readonly HashSet<string> SurveyMetrics = Set("oSurveyTotalScore");
    private static readonly HashSet<string> ResolutionDimensions = Set();
    private static readonly HashSet<string> ResolutionMetrics = Set("nNextContactAvoided");

    /// <summary>Enum-like and id dimensions compare case-insensitively; free text (addresses, notes, names) exactly.</summary>
    private static readonly HashSet<string> ExactText = Set(
        "ani", "dnis", "sessionDnis", "addressFrom", "addressTo", "addressSelf", "addressOther", "callbackNumber",
        "wrapUpNote", "participantName", "remote", "remoteNameDisplayable", "flowName", "externalTag", "subject",
        "transferTargetName", "entryReason");
    private static readonly HashSet<string> DateDimensions = Set(
        "conversationStart", "conversationEnd", "segmentEnd", "callbackScheduledTime");
    private static readonly HashSet<string> NumberDimensions = Set(
        "mediaStatsMinConversationMos", "mediaStatsMinConversationRFactor", "routingPriority", "mediaCount");

    private enum Op { Matches, Exists, NotExists }

    private static Op? ParseOp(string? op) => op is null ? Op.Matches
        : op.Equals("matches", StringComparison.OrdinalIgnoreCase) ? Op.Matches
        : op.Equals("exists", StringComparison.OrdinalIgnoreCase) ? Op.Exists
        : op.Equals("notExists", StringComparison.OrdinalIgnoreCase) ? Op.NotExists
        : null;

    // ---- evaluation ------------------------------------------------------------------------------------------

    /// <summary>All filter arrays ANDed; a segment filter holds when ONE segment satisfies the whole filter.</summary>
    public static bool Matches(CompiledFilters filters, AnalyticsConversation c)
    {
        foreach (var f in filters.NoData)
            if (!FilterHolds(f, p => ParseOp(p.Operator) == Op.NotExists)) return false;
        foreach (var f in filters.Conversation)
            if (!FilterHolds(f, p => ConversationPredicate(c, p))) return false;
        foreach (var f in filters.Segment)
            if (!SegmentsOf(c).Any(s => FilterHolds(f, p => SegmentPredicate(s, p)))) return false;
        return true;
    }

    /// <summary>A filter's and/or over its predicates and clauses (each clause and/or over its own predicates), lazily.</summary>
    public static bool FilterHolds(QueryFilter f, Func<QueryPredicate, bool> holds)
    {
        bool ClauseHolds(QueryClause clause) => Combine(clause.Type!, (clause.Predicates ?? []).Select(p => (Func<bool>)(() => holds(p))));
        var parts = (f.Predicates ?? []).Select(p => (Func<bool>)(() => holds(p)))
            .Concat((f.Clauses ?? []).Select(cl => (Func<bool>)(() => ClauseHolds(cl))));
        return Combine(f.Type!, parts);
    }

    private static bool Combine(string type, IEnumerable<Func<bool>> parts)
        => type == "or" ? parts.Any(x => x()) : parts.All(x => x());

    public readonly record struct SegmentContext(
        AnalyticsConversation Conversation,
        AnalyticsParticipant Participant,
        AnalyticsSession Session,
        AnalyticsConversationSegment Segment);

    public static IEnumerable<SegmentContext> SegmentsOf(AnalyticsConversation c)
    {
        foreach (var p in c.Participants)
            foreach (var s in p.Sessions)
                foreach (var seg in s.Segments)
                    yield return new SegmentContext(c, p, s, seg);
    }

    private static bool ConversationPredicate(AnalyticsConversation c, QueryPredicate p)
    {
        if (p.Metric is not null) return Evaluate(p, ConversationMetric(c, p.Metric) is { } v ? [Num(v)] : [], NumberKind);
        var dim = p.Dimension!;
        return Evaluate(p, ConversationDimension(c, dim), KindOf(dim));
    }

    private static bool SegmentPredicate(SegmentContext s, QueryPredicate p)
    {
        if (p.Property is not null) return ParseOp(p.Operator) == Op.NotExists; // no segment properties are generated
        if (p.Metric is not null)
        {
            string[] values = s.Segment is { SegmentStart: { } a, SegmentEnd: { } b } ? [Num((b - a).TotalMilliseconds)] : [];
            return Evaluate(p, values, NumberKind);
        }

        var dim = p.Dimension!;
        return Evaluate(p, SegmentDimension(s, dim), KindOf(dim));
    }

    public static string[] ConversationDimension(AnalyticsConversation c, string dim) => dim switch
    {
        "conversationId" => One(c.ConversationId),
        "conversationStart" => One(c.ConversationStart is { } t ? Json.Format(t) : null),
        "conversationEnd" => One(c.ConversationEnd is { } t ? Json.Format(t) : null),
        "divisionId" => c.DivisionIds?.ToArray() ?? [],
        "originatingDirection" => One(c.OriginatingDirection),
        "conversationInitiator" => One(c.ConversationInitiator),
        "customerParticipation" => One(c.CustomerParticipation is { } b ? (b ? "true" : "false") : null),
        "mediaStatsMinConversationMos" => One(c.MediaStatsMinConversationMos is { } m ? Num(m) : null),
        _ => [], // externalTag, accessAttribute, … are never generated
    };

    public static string[] SegmentDimension(SegmentContext x, string dim)
    {
        var (c, p, s, seg) = (x.Conversation, x.Participant, x.Session, x.Segment);
        return dim switch
        {
            "conversationId" => One(c.ConversationId),
            "divisionId" => c.DivisionIds?.ToArray() ?? [],
            // segment
            "segmentType" => One(seg.SegmentType),
            "segmentEnd" => One(seg.SegmentEnd is { } t ? Json.Format(t) : null),
            "queueId" => One(seg.QueueId),
            "wrapUpCode" => One(seg.WrapUpCode),
            "wrapUpNote" => One(seg.WrapUpNote),
            "disconnectType" => One(seg.DisconnectType),
            "conference" => One(seg.Conference is { } b ? (b ? "true" : "false") : null),
            // session
            "sessionId" => One(s.SessionId),
            "mediaType" => One(s.MediaType),
            "messageType" => One(s.MessageType),
            "direction" => One(s.Direction),
            "ani" => One(s.Ani),
            "dnis" => One(s.Dnis),
            "sessionDnis" => One(s.SessionDnis),
            "addressFrom" => One(s.AddressFrom),
            "addressTo" => One(s.AddressTo),
            "addressSelf" => One(s.AddressSelf),
            "addressOther" => One(s.AddressOther),
            "callbackNumber" => s.CallbackNumbers?.ToArray() ?? [],
            "edgeId" => One(s.EdgeId),
            "peerId" => One(s.PeerId),
            "provider" => One(s.Provider),
            "recording" => One(s.Recording is { } r ? (r ? "true" : "false") : null),
            "remote" => One(s.Remote),
            "remoteNameDisplayable" => One(s.RemoteNameDisplayable),
            "requestedRouting" => s.RequestedRoutings?.ToArray() ?? [],
            "usedRouting" => One(s.UsedRouting),
            "selectedAgentId" => One(s.SelectedAgentId),
            "flowId" => One(s.Flow?.FlowId),
            "flowName" => One(s.Flow?.FlowName),
            "flowType" => One(s.Flow?.FlowType),
            "flowVersion" => One(s.Flow?.FlowVersion),
            "entryType" => One(s.Flow?.EntryType),
            "entryReason" => One(s.Flow?.EntryReason),
            "exitReason" => One(s.Flow?.ExitReason),
            "transferType" => One(s.Flow?.TransferType),
            "transferTargetName" => One(s.Flow?.TransferTargetName),
            "transferTargetAddress" => One(s.Flow?.TransferTargetAddress),
            // participant
            "participantId" => One(p.ParticipantId),
            "participantName" => One(p.ParticipantName),
            "purpose" => One(p.Purpose),
            "userId" => One(p.UserId),
            _ => [], // known to the API, never generated here
        };
    }

    /// <summary>Conversation-level metric: sum over all sessions of the emitted values; tConversationDuration = end − start.</summary>
    public static double? ConversationMetric(AnalyticsConversation c, string metric)
    {
        if (metric == "tConversationDuration")
            return c is { ConversationStart: { } a, ConversationEnd: { } b } ? (b - a).TotalMilliseconds : null;
        double sum = 0;
        var found = false;
        foreach (var p in c.Participants)
            foreach (var s in p.Sessions)
                foreach (var m in s.Metrics)
                {
                    if (m.Name != metric || m.Value is not { } v) continue;
                    sum += v;
                    found = true;
                }

        return found ? sum : null;
    }

    private enum ValueKind { CaseInsensitive, Exact, Date, Number }

    private const ValueKind NumberKind = ValueKind.Number;

    private static ValueKind KindOf(string dim)
        => DateDimensions.Contains(dim) ? ValueKind.Date
            : NumberDimensions.Contains(dim) ? ValueKind.Number
            : ExactText.Contains(dim) ? ValueKind.Exact
            : ValueKind.CaseInsensitive;

    /// <summary>One dimension predicate against the values of its dimension (reused by the aggregates query).</summary>
    public static bool DimensionMatches(QueryPredicate p, string[] values) => Evaluate(p, values, KindOf(p.Dimension!));

    private static bool Evaluate(QueryPredicate p, string[] values, ValueKind kind)
    {
        switch (ParseOp(p.Operator))
        {
            case Op.Exists: return values.Length > 0;
            case Op.NotExists: return values.Length == 0;
        }

        foreach (var v in values)
        {
            if (p.Value is not null && !Equal(v, p.Value, kind)) continue;
            if (p.Range is not null && !InRange(AsNumber(v, kind), p.Range)) continue;
            return true;
        }

        return false;
    }

    private static bool Equal(string actual, string wanted, ValueKind kind)
    {
        switch (kind)
        {
            case ValueKind.Exact: return string.Equals(actual, wanted, StringComparison.Ordinal);
            case ValueKind.Date:
                return DateTimeOffset.TryParse(wanted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var w)
                       && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var a)
                       && a == w;
            case ValueKind.Number:
                return double.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var wn)
                       && AsNumber(actual, kind) == wn;
            default: return string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static double AsNumber(string v, ValueKind kind)
    {
        if (kind == ValueKind.Date && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    private static bool InRange(double v, NumericRange r)
        => !double.IsNaN(v)
           && (r.Gt is not { } gt || v > gt) && (r.Gte is not { } gte || v >= gte)
           && (r.Lt is not { } lt || v < lt) && (r.Lte is not { } lte || v <= lte);

    private static string[] One(string? v) => v is null ? [] : [v];

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
