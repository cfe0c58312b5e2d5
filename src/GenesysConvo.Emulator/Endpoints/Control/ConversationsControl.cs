using System.Globalization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>
/// GET /__emulator/conversations?from=&amp;to=&amp;limit=[&amp;fields=brief] — ground truth: full records (as of the emulator
/// clock) of the conversations starting in [from, to). GET /__emulator/conversations/{index} — one conversation by
/// generator index.
/// </summary>
public static class ConversationsControl
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 100_000;

    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/conversations", List);
        control.MapGet("/conversations/{index:long}", Get);
    }

    private static IResult List(HttpContext ctx, ConversationGenerator generator, EmulatorClock clock)
    {
        var q = ctx.Request.Query;
        if (!ControlApi.TryParseTime(q["from"], out var from) || !ControlApi.TryParseTime(q["to"], out var to))
            return ControlApi.Problem("from and to (ISO-8601) are required.");
        // fields=brief: only id, start and end of each conversation — cheap enough for month-long ground truth.
        var brief = string.Equals(q["fields"], "brief", StringComparison.OrdinalIgnoreCase);
        var maxLimit = brief ? 10 * MaxLimit : MaxLimit;
        var limit = DefaultLimit;
        if (q.ContainsKey("limit")
            && (!int.TryParse(q["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 0 || limit > maxLimit))
            return ControlApi.Problem($"limit must be 0..{maxLimit}.");

        var now = clock.Now;
        var (first, end) = generator.IndexRangeFor(from, to);
        // Conversations that have not started yet at "now" do not exist yet.
        var started = Math.Min(end, generator.FirstIndexAtOrAfter(now.AddTicks(1)));
        var list = new List<AnalyticsConversation>();
        for (var k = first; k < started && list.Count < limit; k++)
            list.Add(generator.Get(k, now)!);
        object conversations = brief
            ? list.Select(c => new { c.ConversationId, c.ConversationStart, c.ConversationEnd }).ToList()
            : list;

        return Results.Json(new
        {
            from, to, now,
            firstIndex = first,
            endIndex = end,
            total = Math.Max(0, started - first),
            returned = list.Count,
            conversationsPerHour = generator.ConversationsPerHour,
            conversations,
        }, Json.Options);
    }

    private static IResult Get(long index, ConversationGenerator generator, EmulatorClock clock)
        => generator.Get(index, clock.Now) is { } c
            ? Results.Json(c, Json.Options)
            : ControlApi.Problem("no such conversation (negative index or not started yet)", 404);
}
