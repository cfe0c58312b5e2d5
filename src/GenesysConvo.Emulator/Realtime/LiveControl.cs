using GenesysConvo.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Realtime;

/// <summary>
/// GET /__emulator/live[?userId=] — ground truth of what is live at the emulator's now (see <see cref="LiveConversations"/>):
/// {now, conversations:[{conversationId, conversationStart, conversationEnd, mediaType, queueId, userId, userIds, step,
/// customerAddress}]}, oldest first. conversationEnd is null while the customer is there (= the details query's
/// conversationEnd notExists set); it is set only for step wrapup after the customer left.
/// </summary>
public static class LiveControl
{
    public sealed record LiveEntry(
        string ConversationId,
        DateTimeOffset ConversationStart,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] DateTimeOffset? ConversationEnd,
        string MediaType,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? QueueId,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? UserId,
        IReadOnlyList<string> UserIds,
        string Step,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? CustomerAddress);

    public static void Map(IEndpointRouteBuilder app, LiveConversations live)
    {
        app.MapGet("/__emulator/live", (HttpContext ctx, EmulatorClock clock) =>
        {
            var now = clock.Now;
            var userId = ctx.Request.Query["userId"].ToString();
            var conversations = live.At(now)
                .Where(c => userId.Length == 0 || c.UserIds.Contains(userId, StringComparer.OrdinalIgnoreCase))
                .Select(c => new LiveEntry(c.Record.ConversationId!, c.Record.ConversationStart!.Value, c.Record.ConversationEnd,
                    c.MediaType, c.QueueId, c.UserId, c.UserIds, c.Step, c.CustomerAddress))
                .ToList();
            return Results.Json(new { now, conversations }, Json.Options);
        });
    }
}
