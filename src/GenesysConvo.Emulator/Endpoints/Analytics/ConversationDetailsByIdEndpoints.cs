using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Live;

namespace GenesysConvo.Emulator.Endpoints.Analytics;

/// <summary>AnalyticsConversationWithoutAttributesMultiGetResponse.</summary>
public sealed class ConversationsByIdResponse
{
    public List<AnalyticsConversation> Conversations { get; set; } = [];
}

/// <summary>
/// GET /api/v2/analytics/conversations/{conversationId}/details and GET /api/v2/analytics/conversations/details?id=…
/// (permission ANY of analytics:conversationDetail:view, analytics:agentConversationDetail:view; docs/genesys-api.md §5):
/// the records the details query would return, as of the near-real-time analytics' instant (the clock minus
/// analyticsLagSeconds): a conversation that had not started by then is not there yet. Ids may be repeated keys or a
/// comma list (at most <see cref="MaxIds"/>: the real limit is unconfirmed); unknown ids are left out of the multi-get,
/// and the single get answers 404.
/// </summary>
public static class ConversationDetailsByIdEndpoints
{
    /// <summary>How far back the analytics keep a conversation here (the real retention is an org setting).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);
    public const int MaxIds = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/analytics/conversations/{conversationId}/details", GetOne)
            .RequireAnyPermission(PermissionNames.ConversationDetailView, PermissionNames.AgentConversationDetailView);
        app.MapGet("/api/v2/analytics/conversations/details", GetMany)
            .RequireAnyPermission(PermissionNames.ConversationDetailView, PermissionNames.AgentConversationDetailView);
    }

    private static IResult GetOne(HttpContext ctx, string conversationId, LiveConversations live, EmulatorClock clock, RuntimeConfig config)
    {
        if (!Guid.TryParseExact(conversationId, "D", out var id))
            return ErrorBodies.BadRequest(ctx, "The conversation id is not a valid id.");
        var asOf = config.AnalyticsAsOf(clock.Now);
        if (!live.FindIndices([id], asOf, Retention).TryGetValue(id, out var k)) return ErrorBodies.NotFound(ctx);
        return Results.Json(live.Generator.Get(k, asOf), Json.Options);
    }

    private static IResult GetMany(HttpContext ctx, LiveConversations live, EmulatorClock clock, RuntimeConfig config)
    {
        const StringSplitOptions parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        var values = ctx.Request.Query["id"].SelectMany(v => (v ?? "").Split(',', parts)).ToList();
        if (values.Count == 0) return ErrorBodies.BadRequest(ctx, "At least one conversation id (id) is required.");
        if (values.Count > MaxIds) return ErrorBodies.BadRequest(ctx, $"At most {MaxIds} conversation ids may be requested at once.");
        var ids = new List<Guid>();
        foreach (var value in values)
        {
            if (!Guid.TryParseExact(value, "D", out var id))
                return ErrorBodies.BadRequest(ctx, $"'{value}' is not a valid conversation id.");
            if (!ids.Contains(id)) ids.Add(id);
        }

        var asOf = config.AnalyticsAsOf(clock.Now);
        var found = live.FindIndices(ids, asOf, Retention);
        var response = new ConversationsByIdResponse
        {
            Conversations = ids.Where(found.ContainsKey).Select(id => live.Generator.Get(found[id], asOf)!).ToList(),
        };
        return Results.Json(response, Json.Options);
    }
}
