using GenesysConvo.Emulator.Analytics;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Endpoints;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Realtime;

/// <summary>
/// GET /api/v2/conversations/{conversationId} (permission conversation:communication:view): the Conversation model of a
/// started conversation (live or ended, within <see cref="LiveConversations.LookupWindow"/>) as of the emulator clock.
/// GET /api/v2/conversations (no permission; user-scoped): a client-credentials token gets an empty listing (reference
/// §12.4), a user token the conversations in which that user has an open agent session now.
/// </summary>
public static class ConversationsEndpoint
{
    public const string CommunicationView = "conversation:communication:view";

    /// <summary>communicationType query values → analytics media types.</summary>
    private static readonly Dictionary<string, string> CommunicationTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["call"] = "voice", ["callback"] = "callback", ["chat"] = "chat", ["email"] = "email", ["message"] = "message",
    };

    public static void Map(IEndpointRouteBuilder app, LiveConversations live)
    {
        app.MapGet("/api/v2/conversations/{conversationId}", (HttpContext ctx, string conversationId, SyntheticOrg org, EmulatorClock clock) =>
        {
            if (!Guid.TryParseExact(conversationId, "D", out var id))
                return ErrorBodies.BadRequest(ctx, "The conversation id is not a valid id.");
            var now = clock.Now;
            if (live.FindIndex(id, now) is not { } k) return ErrorBodies.NotFound(ctx);
            return Results.Json(View(live, org, k, now), Json.Options);
        }).RequireAnyPermission(CommunicationView);

        app.MapGet("/api/v2/conversations", (HttpContext ctx, SyntheticOrg org, EmulatorClock clock) =>
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
                    .Select(c => View(live, org, c.Index, now))
                    .ToList();
            }

            return Results.Json(Listing.Page(ctx, entities, pageSize, pageNumber), Json.Options);
        });
    }

    /// <summary>Conversation k at <paramref name="now"/>, with the same participant attributes as the details-job records.</summary>
    public static ConversationModel View(LiveConversations live, SyntheticOrg org, long k, DateTimeOffset now)
        => LiveConversationView.Map(DetailsJobStore.Record(live.Generator, live.Seed, k, now), org);
}
