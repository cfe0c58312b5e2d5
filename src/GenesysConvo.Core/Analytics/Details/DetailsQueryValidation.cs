using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenesysConvo.Core.Json;

namespace GenesysConvo.Core.Analytics.Details;

/// <summary>Checks a details-query body or filter a user typed (-Query, -Filter) before anything is sent, so a mistake
/// gets an error that names the fix instead of a 400. It reads the raw JSON because the mistakes it explains (a field
/// tutorials invent, a number where the API wants a string) are exactly what a typed model cannot hold.</summary>
internal static class DetailsQueryValidation
{
    public static readonly string[] FilterKinds =
        { "conversationFilters", "segmentFilters", "evaluationFilters", "surveyFilters", "resolutionFilters" };
    private static readonly string[] s_fields =
        FilterKinds.Concat(new[] { "interval", "order", "orderBy", "aggregations", "paging" }).ToArray();
    private static readonly string[] s_orders = { "asc", "desc", "unordered" };
    private static readonly string[] s_orderBys = { "conversationStart", "conversationEnd", "segmentStart", "segmentEnd" };

    // Fields tutorials invent (docs/genesys-api.md §8), with what the real schema uses instead.
    private static readonly Dictionary<string, string> s_tutorialMistakes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["dateFrom"] = "the details query takes one 'interval' (\"start/end\"); use -StartTime/-EndTime or -Interval",
        ["dateTo"] = "the details query takes one 'interval' (\"start/end\"); use -StartTime/-EndTime or -Interval",
        ["select"] = "the details query has no projection; filter with conversationFilters / segmentFilters",
        ["where"] = "filters go in conversationFilters / segmentFilters ({type, predicates, clauses})",
        ["view"] = "filters go in conversationFilters / segmentFilters ({type, predicates, clauses})",
        ["pageToken"] = "the module pages for you (the details query pages by paging.pageNumber, not by token)",
        ["nextPageToken"] = "the module pages for you (the details query pages by paging.pageNumber, not by token)",
        ["cursor"] = "the module pages for you (cursors exist only for async job results)",
        ["size"] = "use -PageSize (paging.pageSize, at most 100)",
        ["pageSize"] = "use -PageSize (paging.pageSize, at most 100)",
    };

    // Conversation-level dimensions (ConversationDetailQueryPredicate) and well-known segment-level ones
    // (SegmentDetailQueryPredicate), from the official SDK enums; used to catch a predicate put at the wrong level.
    internal static readonly HashSet<string> ConversationDimensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "accessAttribute", "conversationEnd", "conversationId", "conversationInitiator", "conversationStart", "customerParticipation",
        "divisionId", "externalTag", "mediaStatsMinConversationMos", "mediaStatsMinConversationRFactor", "originatingDirection",
        "originatingSocialMediaPublic",
    };

    internal static readonly HashSet<string> SegmentDimensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "addressFrom", "addressTo", "agentAssistantId", "agentBullseyeRing", "agentOwned", "ani", "assignerId", "authenticated",
        "conference", "conversationId", "destinationConversationId", "destinationSessionId", "direction", "disconnectType", "dnis",
        "edgeId", "errorCode", "externalContactId", "externalOrganizationId", "flaggedReason", "flowId", "flowName", "flowVersion",
        "groupId", "mediaType", "messageType", "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantId",
        "participantName", "peerId", "protocolCallId", "provider", "purpose", "queueId", "recording", "remote", "requestedLanguageId",
        "requestedRoutingSkillId", "requestedRoutingUserIds", "segmentEnd", "segmentType", "selectedAgentId", "sessionDnis", "sessionId",
        "sourceConversationId", "sourceSessionId", "stationId", "teamId", "userId", "wrapUpCode", "wrapUpNote", "wrapUpTag", "usedRouting",
        "videoPresent", "screenShareAddressSelf",
    };

    /// <summary>A whole ConversationQuery body; returns it as checked JSON.</summary>
    public static JsonObject CheckBody(string json, string source)
    {
        if (!(Parse(json, source) is JsonObject body))
            throw new ArgumentException($"{source} must be a JSON object (a ConversationQuery body).");
        foreach (var property in body)
        {
            if (s_tutorialMistakes.TryGetValue(property.Key, out var fix))
                throw new ArgumentException($"{source} has '{property.Key}', which is not a field of the API's ConversationQuery: {fix}.");
            if (!s_fields.Contains(property.Key, StringComparer.Ordinal))
                throw new ArgumentException($"{source} has '{property.Key}', which is not a field of the API's ConversationQuery. " +
                                            $"Use only: {string.Join(", ", s_fields)}.");
        }
        foreach (var kind in FilterKinds)
            if (body[kind] is { } filters) CheckFilters(kind, filters, source);
        if (body["order"] is { } order && !(Text(order) is { } o && s_orders.Contains(o)))
            throw new ArgumentException($"{source}: 'order' must be asc, desc or unordered.");
        if (body["orderBy"] is { } orderBy && !(Text(orderBy) is { } by && s_orderBys.Contains(by)))
            throw new ArgumentException($"{source}: 'orderBy' must be conversationStart, conversationEnd, segmentStart or segmentEnd.");
        return body;
    }

    /// <summary>Filters in the API's structure keyed by kind (-Filter); one filter of a kind may come without an array.
    /// Returns them as arrays per kind, checked.</summary>
    public static JsonObject CheckFiltersByKind(string json, string source)
    {
        var node = Parse(json, source);
        if (node is JsonObject single && single.ContainsKey("type") && !FilterKinds.Any(single.ContainsKey))
            throw new ArgumentException($"{source} must say where each filter goes: @{{ segmentFilters = @(<filter>) }} or " +
                                        "@{ conversationFilters = @(<filter>) }, as in the API's ConversationQuery.");
        if (!(node is JsonObject byKind))
            throw new ArgumentException($"{source} must be an object keyed by filter kind ({string.Join(", ", FilterKinds)}).");
        var checkedFilters = new JsonObject();
        foreach (var property in byKind)
        {
            if (!FilterKinds.Contains(property.Key, StringComparer.Ordinal))
                throw new ArgumentException($"{source} has '{property.Key}'; use one of {string.Join(", ", FilterKinds)}.");
            var filters = property.Value is JsonArray array ? array.DeepClone() : new JsonArray(property.Value?.DeepClone());
            CheckFilters(property.Key, filters, source);
            checkedFilters[property.Key] = filters;
        }
        return checkedFilters;
    }

    private static JsonNode? Parse(string json, string source) => source == "-Query"
        ? UserJson.Parse(json, source, "a ConversationQuery body in the API's structure",
            "@{ order = 'asc'; segmentFilters = @(@{ type = 'or'; predicates = @(@{ dimension = 'mediaType'; value = 'voice' }) }) }")
        : UserJson.Parse(json, source, "filters in the API's structure keyed by filter kind",
            "@{ segmentFilters = @(@{ type = 'or'; predicates = @(@{ dimension = 'queueId'; value = '<queue id>' }) }) }");

    private static void CheckFilters(string kind, JsonNode filters, string source)
    {
        if (!(filters is JsonArray array)) throw new ArgumentException($"{source}: '{kind}' must be an array of filters.");
        foreach (var filter in array)
        {
            var where = $"{source}: a filter in '{kind}'";
            if (!(filter is JsonObject f)) throw new ArgumentException($"{where} must be an object {{type, predicates, clauses}}.");
            CheckType(f, where);
            if (!f.ContainsKey("predicates") && !f.ContainsKey("clauses"))
                throw new ArgumentException($"{where} has neither 'predicates' nor 'clauses'.");
            foreach (var key in f.Select(p => p.Key))
                if (key != "type" && key != "predicates" && key != "clauses")
                    throw new ArgumentException($"{where} has '{key}'; a filter has only type, predicates and clauses.");
            if (f["predicates"] is { } predicates) CheckPredicates(kind, predicates, where);
            if (f["clauses"] is { } clauses) CheckClauses(kind, clauses, where);
        }
    }

    private static void CheckClauses(string kind, JsonNode clauses, string where)
    {
        if (!(clauses is JsonArray clauseArray)) throw new ArgumentException($"{where}: 'clauses' must be an array.");
        foreach (var clause in clauseArray)
        {
            if (!(clause is JsonObject c)) throw new ArgumentException($"{where}: each clause must be an object {{type, predicates}}.");
            CheckType(c, where + ", clause");
            CheckPredicates(kind, c["predicates"] ?? new JsonArray(), where + ", clause");
        }
    }

    private static void CheckType(JsonObject node, string where)
    {
        var type = Text(node["type"]);
        if (type != "and" && type != "or") throw new ArgumentException($"{where} needs \"type\": \"and\" or \"or\".");
    }

    private static void CheckPredicates(string kind, JsonNode predicates, string where)
    {
        if (!(predicates is JsonArray array) || array.Count == 0)
            throw new ArgumentException($"{where}: 'predicates' must be a non-empty array.");
        foreach (var item in array)
        {
            if (!(item is JsonObject p))
                throw new ArgumentException($"{where}: each predicate must be an object {{dimension|metric, operator, value|range}}.");
            CheckPredicate(kind, p, where);
        }
    }

    private static void CheckPredicate(string kind, JsonObject p, string where)
    {
        var dimension = Text(p["dimension"]);
        var metric = Text(p["metric"]);
        var property = Text(p["property"]);
        if (dimension is null && metric is null && property is null)
            throw new ArgumentException($"{where}: a predicate needs a 'dimension' or a 'metric'.");
        var op = Text(p["operator"]) ?? "matches";
        if (op != "matches" && op != "exists" && op != "notExists")
            throw new ArgumentException($"{where}: operator '{op}' is not one of matches, exists, notExists.");
        if (op == "matches" && !p.ContainsKey("value") && !p.ContainsKey("range"))
            throw new ArgumentException($"{where}: the predicate on '{dimension ?? metric ?? property}' matches nothing: " +
                                        "give a 'value' or a 'range', or use operator exists/notExists.");
        if (p["value"] is { } value && value.GetValueKind() != JsonValueKind.String)
            throw new ArgumentException($"{where}: 'value' of '{dimension ?? metric}' must be a string " +
                                        "(the API takes predicate values as strings, even numbers).");
        if (p["range"] is { } range && !IsRange(range))
            throw new ArgumentException($"{where}: 'range' must be an object of numbers with gt, gte, lt or lte.");
        if (dimension != null
            && kind == "conversationFilters"
            && SegmentDimensions.Contains(dimension)
            && !ConversationDimensions.Contains(dimension))
        {
            throw new ArgumentException($"{where}: '{dimension}' is a segment dimension, not a conversation one: " +
                                        "put this predicate under segmentFilters.");
        }
        if (dimension != null
            && kind == "segmentFilters"
            && ConversationDimensions.Contains(dimension)
            && !SegmentDimensions.Contains(dimension))
        {
            throw new ArgumentException($"{where}: '{dimension}' is a conversation dimension, not a segment one: " +
                                        "put this predicate under conversationFilters.");
        }
    }

    private static bool IsRange(JsonNode range) =>
        range is JsonObject r && r.Count > 0
        && r.All(x => new[] { "gt", "gte", "lt", "lte" }.Contains(x.Key) && x.Value?.GetValueKind() == JsonValueKind.Number);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
