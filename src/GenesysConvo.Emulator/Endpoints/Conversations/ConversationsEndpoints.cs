using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Live;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Conversations;

/// <summary>
/// GET /api/v2/conversations/{conversationId} (permission conversation:communication:view): the Conversation model of a
/// started conversation (live or ended, within <see cref="LiveConversations.LookupWindow"/>) as of the emulator clock.
/// GET /api/v2/conversations (no permission; user-scoped): a client-credentials token gets an empty listing, a user
/// token the conversations in which that user has an open agent session now.
/// </summary>
public static class ConversationsEndpoints
{
    public const string CommunicationView = "conversation:communication:view";

    /// <summary>communicationType query values → analytics media types.</summary>
    private static readonly Dictionary<string, string> CommunicationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = "voice", ["callback"] = "callback", ["chat"] = "chat", ["email"] = "email", ["message"] = "message",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v2/conversations/{conversationId}", Get).RequireAnyPermission(CommunicationView);
        app.MapGet("/api/v2/conversations", ListMine);
    }

    private static IResult Get(HttpContext ctx, string conversationId, LiveConversations live, SyntheticOrg org, EmulatorClock clock)
    {
        if (!Guid.TryParseExact(conversationId, "D", out var id))
            return ErrorBodies.BadRequest(ctx, "The conversation id is not a valid id.");
        var now = clock.Now;
        if (live.FindIndex(id, now) is not { } k) return ErrorBodies.NotFound(ctx);
        return Results.Json(live.View(k, now, org), Json.Options);
    }

    private static IResult ListMine(HttpContext ctx, LiveConversations live, SyntheticOrg org, EmulatorClock clock)
    {
        if (Listing.ReadPaging(ctx, out var pageSize, out var pageNumber) is { } error) return error;
        var token = (IssuedToken)ctx.Items[EmulatorMiddleware.TokenItem]!;
        var entities = new List<ConversationModel>();
        if (token.Kind == TokenKind.User && token.UserId is { } userId)
        {
            var now = clock.Now;
            var wanted = ctx.Request.Query["communicationType"].ToString();
            string? media = null;
            if (wanted.Length > 0) media = CommunicationTypes.GetValueOrDefault(wanted, "-");
            entities = live.At(now)
                .Where(c => c.UserIds.Contains(userId, StringComparer.Ordinal))
                .Where(c => media is null || c.MediaType == media)
                .Select(c => live.View(c.Index, now, org))
                .ToList();
        }

        return Results.Json(Listing.Page(ctx, entities, pageSize, pageNumber), Json.Options);
    }
}
