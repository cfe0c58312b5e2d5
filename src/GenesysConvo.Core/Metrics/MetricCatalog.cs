using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysConvo.Core.Metrics;

/// <summary>The aggregates API's group-by dimensions and metrics (ConversationAggregationQuery.GroupByEnum and
/// MetricsEnum of the official SDKs), for completion and for errors that list what exists.</summary>
public static class MetricCatalog
{
    public static readonly IReadOnlyList<string> Dimensions = new[]
    {
        "activeRouting", "activeSkillId", "addressFrom", "addressTo", "agentAssistantId", "agentBullseyeRing", "agentOwned",
        "agentRank", "agentScore", "ani", "assignerId", "authenticated", "conversationId", "conversationInitiator",
        "convertedFrom", "convertedTo", "customerParticipation", "deliveryStatus", "destinationAddress", "direction",
        "disconnectType", "divisionId", "dnis", "edgeId", "eligibleAgentCount", "errorCode", "extendedDeliveryStatus",
        "externalContactId", "externalMediaCount", "externalOrganizationId", "externalTag", "firstQueue", "flaggedReason",
        "flowInType", "flowOutType", "groupId", "interactionType", "journeyActionId", "journeyActionMapId",
        "journeyActionMapVersion", "journeyCustomerId", "journeyCustomerIdType", "journeyCustomerSessionId",
        "journeyCustomerSessionIdType", "knowledgeBaseId", "mediaCount", "mediaType", "messageType", "originatingDirection",
        "originatingSocialMediaPublic", "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantName",
        "peerId", "proposedAgentId", "provider", "purpose", "queueId", "remote", "removedSkillId", "requestedLanguageId",
        "requestedRouting", "requestedRoutingSkillId", "roomId", "routingPriority", "routingRing", "routingRule",
        "routingRuleType", "scoredAgentId", "selectedAgentId", "selectedAgentRank", "selfServed", "sessionDnis", "sessionId",
        "stationId", "teamId", "usedRouting", "userId", "videoPresent", "waitingInteractionCount", "wrapUpCode",
    };

    public static readonly IReadOnlyList<string> Metrics = new[]
    {
        "nBlindTransferred", "nBotInteractions", "nCobrowseSessions", "nConnected", "nConsult", "nConsultTransferred",
        "nError", "nOffered", "nOutbound", "nOutboundAbandoned", "nOutboundAttempted", "nOutboundConnected", "nOverSla",
        "nStateTransitionError", "nTransferred", "oExternalMediaCount", "oMediaCount", "oMessageCount",
        "oMessageSegmentCount", "oMessageTurn", "oServiceLevel", "oServiceTarget", "tAbandon", "tAcd", "tActiveCallback",
        "tActiveCallbackComplete", "tAcw", "tAgentResponseTime", "tAlert", "tAnswered", "tBarging", "tCoaching",
        "tCoachingComplete", "tConnected", "tContacting", "tDialing", "tFirstConnect", "tFirstDial", "tFlowOut", "tHandle",
        "tHeld", "tHeldComplete", "tIvr", "tMonitoring", "tMonitoringComplete", "tNotResponding", "tPark", "tParkComplete",
        "tShortAbandon", "tTalk", "tTalkComplete", "tUserResponseTime", "tVoicemail", "tWait",
    };

    /// <summary>What a contact-centre lead reads first: offered, answered, abandoned, handle, talk, hold, ACW, wait,
    /// transferred, service level.</summary>
    public static readonly IReadOnlyList<string> DefaultMetrics = new[]
    {
        "nOffered", "tAnswered", "tAbandon", "tHandle", "tTalk", "tHeld", "tAcw", "tAcd", "nTransferred", "oServiceLevel",
    };

    /// <summary>Group-by names an admin may type for the API's dimensions.</summary>
    private static readonly Dictionary<string, string> s_aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["queue"] = "queueId", ["user"] = "userId", ["agent"] = "userId", ["media"] = "mediaType", ["wrapup"] = "wrapUpCode",
        ["wrapupcode"] = "wrapUpCode", ["division"] = "divisionId",
    };

    public static string Dimension(string name)
    {
        var key = name.Trim();
        if (s_aliases.TryGetValue(key, out var alias)) return alias;
        var known = Dimensions.FirstOrDefault(d => string.Equals(d, key, StringComparison.OrdinalIgnoreCase));
        return known ?? throw new ArgumentException(
            $"'{name}' is not a dimension the aggregates API groups by. Use one of: {string.Join(", ", Dimensions)}.");
    }

    public static string Metric(string name)
    {
        var known = Metrics.FirstOrDefault(m => string.Equals(m, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return known ?? throw new ArgumentException(
            $"'{name}' is not a metric of the aggregates API. Use one of: {string.Join(", ", Metrics)}.");
    }

    public static bool IsTimer(string metric) => metric.StartsWith("t", StringComparison.Ordinal);
}
