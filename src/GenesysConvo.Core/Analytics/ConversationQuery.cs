using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GenesysConvo.Core.Analytics;

/// <summary>A details-query body (the API's ConversationQuery), checked before it is sent so a mistake gets an error
/// that names the fix instead of a 400. The module owns interval and paging; everything else is the caller's.</summary>
public sealed class ConversationQuery
{
    public static readonly string[] FilterKinds = { "conversationFilters", "segmentFilters", "evaluationFilters", "surveyFilters", "resolutionFilters" };
    private static readonly string[] s_fields = FilterKinds.Concat(new[] { "interval", "order", "orderBy", "aggregations", "paging" }).ToArray();

    // Fields tutorials invent (genesys-api.md §10), with what the real schema uses instead.
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
        "divisionId", "externalTag", "mediaStatsMinConversationMos", "mediaStatsMinConversationRFactor", "originatingDirection", "originatingSocialMediaPublic",
    };

    internal static readonly HashSet<string> SegmentDimensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "addressFrom", "addressTo", "agentAssistantId", "agentBullseyeRing", "agentOwned", "ani", "assignerId", "authenticated", "conference",
        "conversationId", "destinationConversationId", "destinationSessionId", "direction", "disconnectType", "dnis", "edgeId", "errorCode",
        "externalContactId", "externalOrganizationId", "flaggedReason", "flowId", "flowName", "flowVersion", "groupId", "mediaType", "messageType",
        "outboundCampaignId", "outboundContactId", "outboundContactListId", "participantId", "participantName", "peerId", "protocolCallId",
        "provider", "purpose", "queueId", "recording", "remote", "requestedLanguageId", "requestedRoutingSkillId", "requestedRoutingUserIds",
        "segmentEnd", "segmentType", "selectedAgentId", "sessionDnis", "sessionId", "sourceConversationId", "sourceSessionId", "stationId",
        "teamId", "userId", "wrapUpCode", "wrapUpNote", "wrapUpTag", "usedRouting", "videoPresent", "screenShareAddressSelf",
    };

    private readonly JsonObject _body;

    private ConversationQuery(JsonObject body) => _body = body;

    public static ConversationQuery Empty() => new ConversationQuery(new JsonObject());

    /// <summary>A whole ConversationQuery body given by the user (-Query).</summary>
    public static ConversationQuery FromJson(string json, string source = "-Query")
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException e) { throw new ArgumentException($"{source} is not valid JSON: {e.Message}"); }
        if (!(node is JsonObject body)) throw new ArgumentException($"{source} must be a JSON object (a ConversationQuery body).");

        foreach (var property in body)
        {
            if (s_tutorialMistakes.TryGetValue(property.Key, out var fix))
                throw new ArgumentException($"{source} has '{property.Key}', which is not a field of the API's ConversationQuery: {fix}.");
            if (!s_fields.Contains(property.Key, StringComparer.Ordinal))
                throw new ArgumentException($"{source} has '{property.Key}', which is not a field of the API's ConversationQuery. Use only: {string.Join(", ", s_fields)}.");
        }
        foreach (var kind in FilterKinds)
            if (body[kind] is { } filters) ValidateFilters(kind, filters, source);
        if (body["order"] is { } order && !(order.GetValueKind() == JsonValueKind.String && new[] { "asc", "desc", "unordered" }.Contains(order.GetValue<string>())))
            throw new ArgumentException($"{source}: 'order' must be asc, desc or unordered.");
        if (body["orderBy"] is { } orderBy && !(orderBy.GetValueKind() == JsonValueKind.String &&
                new[] { "conversationStart", "conversationEnd", "segmentStart", "segmentEnd" }.Contains(orderBy.GetValue<string>())))
            throw new ArgumentException($"{source}: 'orderBy' must be conversationStart, conversationEnd, segmentStart or segmentEnd.");
        return new ConversationQuery(body);
    }

    /// <summary>The interval the body carries, if any (-Query with its own interval).</summary>
    public TimeWindow? Interval => _body["interval"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? TimeWindow.Parse(value.GetValue<string>()) : (TimeWindow?)null;

    public bool HasFilters => FilterKinds.Any(kind => _body[kind] is JsonArray array && array.Count > 0);

    /// <summary>Adds filters given in the API's own structure (-Filter): an object keyed by filter kind.</summary>
    public void AddFilters(string json, string source = "-Filter")
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (JsonException e) { throw new ArgumentException($"{source} is not valid JSON: {e.Message}"); }
        if (node is JsonObject single && single.ContainsKey("type") && !FilterKinds.Any(single.ContainsKey))
            throw new ArgumentException($"{source} must say where each filter goes: @{{ segmentFilters = @(<filter>) }} or @{{ conversationFilters = @(<filter>) }}, as in the API's ConversationQuery.");
        if (!(node is JsonObject byKind)) throw new ArgumentException($"{source} must be an object keyed by filter kind ({string.Join(", ", FilterKinds)}).");
        foreach (var property in byKind.ToList())
        {
            if (!FilterKinds.Contains(property.Key, StringComparer.Ordinal))
                throw new ArgumentException($"{source} has '{property.Key}'; use one of {string.Join(", ", FilterKinds)}.");
            var filters = property.Value is JsonArray ? property.Value! : new JsonArray(property.Value?.DeepClone());
            ValidateFilters(property.Key, filters, source);
            foreach (var filter in filters.AsArray()) Append(property.Key, filter!.DeepClone());
        }
    }

    /// <summary>Adds one filter {type, predicates}; several filters of one kind are combined with AND by the API.</summary>
    public void AddFilter(string kind, string type, IEnumerable<JsonObject> predicates)
    {
        var list = new JsonArray(predicates.Select(p => (JsonNode)p).ToArray());
        if (list.Count == 0) return;
        Append(kind, new JsonObject { ["type"] = type, ["predicates"] = list });
    }

    /// <summary>Adds a filter already in the API's structure (built by the module, so not re-validated).</summary>
    public void AddRawFilter(string kind, JsonObject filter) => Append(kind, filter);

    public static JsonObject Dimension(string dimension, string value) => new JsonObject { ["type"] = "dimension", ["dimension"] = dimension, ["operator"] = "matches", ["value"] = value };
    public static JsonObject DimensionExists(string dimension, bool exists) => new JsonObject { ["type"] = "dimension", ["dimension"] = dimension, ["operator"] = exists ? "exists" : "notExists" };
    public static JsonObject MetricAtLeast(string metric, long value) => new JsonObject { ["type"] = "metric", ["metric"] = metric, ["range"] = new JsonObject { ["gte"] = value } };

    /// <summary>The body to send for one slice and page (or a job when paging is null).</summary>
    public string ToJson(TimeWindow interval, int? pageSize, int? pageNumber, bool forJob = false)
    {
        var body = (JsonObject)_body.DeepClone();
        body["interval"] = interval.ToInterval();
        if (forJob)
        {
            body.Remove("paging");
            body.Remove("aggregations");
        }
        else if (pageSize is { } size)
        {
            body["paging"] = new JsonObject { ["pageSize"] = size, ["pageNumber"] = pageNumber ?? 1 };
        }
        if (!body.ContainsKey("order")) body["order"] = "asc";
        if (!body.ContainsKey("orderBy")) body["orderBy"] = "conversationStart";
        return body.ToJsonString();
    }

    public ConversationQuery Clone() => new ConversationQuery((JsonObject)_body.DeepClone());

    private void Append(string kind, JsonNode filter)
    {
        if (!(_body[kind] is JsonArray array)) _body[kind] = array = new JsonArray();
        array.Add(filter);
    }

    private static void ValidateFilters(string kind, JsonNode filters, string source)
    {
        if (!(filters is JsonArray array)) throw new ArgumentException($"{source}: '{kind}' must be an array of filters.");
        foreach (var filter in array)
        {
            var where = $"{source}: a filter in '{kind}'";
            if (!(filter is JsonObject f)) throw new ArgumentException($"{where} must be an object {{type, predicates, clauses}}.");
            CheckType(f, where);
            if (!f.ContainsKey("predicates") && !f.ContainsKey("clauses")) throw new ArgumentException($"{where} has neither 'predicates' nor 'clauses'.");
            foreach (var key in f.Select(p => p.Key))
                if (key != "type" && key != "predicates" && key != "clauses") throw new ArgumentException($"{where} has '{key}'; a filter has only type, predicates and clauses.");
            if (f["predicates"] is { } predicates) ValidatePredicates(kind, predicates, where);
            if (f["clauses"] is { } clauses)
            {
                if (!(clauses is JsonArray clauseArray)) throw new ArgumentException($"{where}: 'clauses' must be an array.");
                foreach (var clause in clauseArray)
                {
                    if (!(clause is JsonObject c)) throw new ArgumentException($"{where}: each clause must be an object {{type, predicates}}.");
                    CheckType(c, where + ", clause");
                    ValidatePredicates(kind, c["predicates"] ?? new JsonArray(), where + ", clause");
                }
            }
        }
    }

    private static void CheckType(JsonObject node, string where)
    {
        var type = node["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (type != "and" && type != "or") throw new ArgumentException($"{where} needs \"type\": \"and\" or \"or\".");
    }

    private static void ValidatePredicates(string kind, JsonNode predicates, string where)
    {
        if (!(predicates is JsonArray array) || array.Count == 0) throw new ArgumentException($"{where}: 'predicates' must be a non-empty array.");
        foreach (var item in array)
        {
            if (!(item is JsonObject p)) throw new ArgumentException($"{where}: each predicate must be an object {{dimension|metric, operator, value|range}}.");
            var dimension = Text(p, "dimension");
            var metric = Text(p, "metric");
            var property = Text(p, "property");
            if (dimension is null && metric is null && property is null)
                throw new ArgumentException($"{where}: a predicate needs a 'dimension' or a 'metric'.");
            var op = Text(p, "operator") ?? "matches";
            if (op != "matches" && op != "exists" && op != "notExists")
                throw new ArgumentException($"{where}: operator '{op}' is not one of matches, exists, notExists.");
            if (op == "matches" && !p.ContainsKey("value") && !p.ContainsKey("range"))
                throw new ArgumentException($"{where}: the predicate on '{dimension ?? metric ?? property}' matches nothing: give a 'value' or a 'range', or use operator exists/notExists.");
            if (p["value"] is { } value && value.GetValueKind() != JsonValueKind.String)
                throw new ArgumentException($"{where}: 'value' of '{dimension ?? metric}' must be a string (the API takes predicate values as strings, even numbers).");
            if (p["range"] is { } range)
            {
                if (!(range is JsonObject r) || r.Count == 0 || r.Any(x => !new[] { "gt", "gte", "lt", "lte" }.Contains(x.Key) || x.Value?.GetValueKind() != JsonValueKind.Number))
                    throw new ArgumentException($"{where}: 'range' must be an object of numbers with gt, gte, lt or lte.");
            }
            if (dimension != null && kind == "conversationFilters" && SegmentDimensions.Contains(dimension) && !ConversationDimensions.Contains(dimension))
                throw new ArgumentException($"{where}: '{dimension}' is a segment dimension, not a conversation one: put this predicate under segmentFilters.");
            if (dimension != null && kind == "segmentFilters" && ConversationDimensions.Contains(dimension) && !SegmentDimensions.Contains(dimension))
                throw new ArgumentException($"{where}: '{dimension}' is a conversation dimension, not a segment one: put this predicate under conversationFilters.");
        }
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
