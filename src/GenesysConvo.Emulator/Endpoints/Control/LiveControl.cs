using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Live;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>
/// GET /__emulator/live[?userId=] — ground truth of what is live at the emulator's now (see <see cref="LiveConversations"/>):
/// {now, conversations:[{conversationId, conversationStart, conversationEnd, mediaType, queueId, userId, userIds, step,
/// customerAddress}]}, oldest first. conversationEnd is null while the customer is there (= the details query's
/// conversationEnd notExists set); it is set only for step wrapup after the customer left.
/// </summary>
public static class LiveControl
{
    /// <summary>One live conversation; the nullable fields are written as null rather than left out.</summary>
    public sealed record LiveEntry(
        string ConversationId,
        DateTimeOffset ConversationStart,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? ConversationEnd,
        string MediaType,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? QueueId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? UserId,
        IReadOnlyList<string> UserIds,
        string Step,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CustomerAddress);

    public static void Map(IEndpointRouteBuilder control) => control.MapGet("/live", Live);

    private static IResult Live(HttpContext ctx, LiveConversations live, EmulatorClock clock)
    {
        var now = clock.Now;
        var userId = ctx.Request.Query["userId"].ToString();
        var conversations = live.At(now)
            .Where(c => userId.Length == 0 || c.UserIds.Contains(userId, StringComparer.OrdinalIgnoreCase))
            .Select(c => new LiveEntry(c.Record.ConversationId!, c.Record.ConversationStart!.Value, c.Record.ConversationEnd,
                c.MediaType, c.QueueId, c.UserId, c.UserIds, c.Step, c.CustomerAddress))
            .ToList();
        return Results.Json(new { now, conversations }, Json.Options);
    }
}
