using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Model.Notifications;

/// <summary>
/// The analytics detail events of one complete conversation (docs/genesys-api.md §10.4): customer.start/end at the
/// customer's first segment start and last segment end, acd.start/end per queue wait (acdOutcome ANSWERED when an agent
/// took it, ABANDON when the customer left there, else FLOW_OUT), user.start/end per agent session (alert to its last
/// working segment), acw when the agent's wrap-up ends. Bodies carry eventTime in epoch ms and UPPERCASE enums.
/// </summary>
public static class DetailEvents
{
    public static IReadOnlyList<DetailEvent> Of(AnalyticsConversation c)
    {
        var events = new List<DetailEvent>();
        var customerEnd = c.ConversationEnd!.Value;
        foreach (var p in c.Participants)
        {
            foreach (var s in p.Sessions)
            {
                var work = s.Segments.Where(x => x.SegmentType != "wrapup").OrderBy(x => x.SegmentStart).ToList();
                if (work.Count == 0) continue;
                switch (p.Purpose)
                {
                    case "customer" or "external":
                        events.Add(Make(c, p, s, "customer.start", work[0].SegmentStart!.Value, null));
                        events.Add(Make(c, p, s, "customer.end", work[^1].SegmentEnd!.Value,
                            new() { ["disconnectType"] = Upper(work[^1].DisconnectType) }));
                        break;
                    case "acd":
                        foreach (var wait in work.Where(x => x.SegmentType == "interact"))
                        {
                            events.Add(Make(c, p, s, "acd.start", wait.SegmentStart!.Value, new() { ["queueId"] = wait.QueueId }));
                            events.Add(Make(c, p, s, "acd.end", wait.SegmentEnd!.Value, new()
                            {
                                ["queueId"] = wait.QueueId, ["acdOutcome"] = OutcomeOf(c, wait, customerEnd),
                                ["disconnectType"] = Upper(wait.DisconnectType),
                            }));
                        }
                        break;
                    case "agent":
                        var queueId = work.FirstOrDefault(x => x.QueueId is not null)?.QueueId;
                        events.Add(Make(c, p, s, "user.start", work[0].SegmentStart!.Value,
                            new() { ["userId"] = p.UserId, ["queueId"] = queueId }));
                        events.Add(Make(c, p, s, "user.end", work[^1].SegmentEnd!.Value, new()
                        {
                            ["userId"] = p.UserId, ["queueId"] = queueId, ["disconnectType"] = Upper(work[^1].DisconnectType),
                        }));
                        if (s.Segments.FirstOrDefault(x => x.SegmentType == "wrapup") is { SegmentEnd: { } wrapEnd } wrap)
                            events.Add(Make(c, p, s, "acw", wrapEnd, new()
                            {
                                ["userId"] = p.UserId, ["queueId"] = queueId, ["wrapupCode"] = wrap.WrapUpCode,
                                ["wrapupDurationMs"] = (long)(wrapEnd - wrap.SegmentStart!.Value).TotalMilliseconds,
                            }));
                        break;
                }
            }
        }

        return events.OrderBy(e => e.At).ToList();
    }

    private static string OutcomeOf(AnalyticsConversation c, AnalyticsConversationSegment wait, DateTimeOffset customerEnd)
    {
        var answered = c.Participants.Where(p => p.Purpose == "agent").SelectMany(p => p.Sessions).SelectMany(s => s.Segments)
            .Any(x => x.SegmentType == "interact" && x.QueueId == wait.QueueId && x.SegmentStart >= wait.SegmentEnd);
        if (answered) return "ANSWERED";
        return wait.SegmentEnd >= customerEnd ? "ABANDON" : "FLOW_OUT";
    }

    private static DetailEvent Make(AnalyticsConversation c, AnalyticsParticipant p, AnalyticsSession s, string suffix,
        DateTimeOffset at, Dictionary<string, object?>? extra)
    {
        var body = new Dictionary<string, object?>
        {
            ["eventTime"] = at.ToUnixTimeMilliseconds(),
            ["conversationId"] = c.ConversationId,
            ["participantId"] = p.ParticipantId,
            ["sessionId"] = s.SessionId,
            ["mediaType"] = Upper(s.MediaType),
            ["direction"] = Upper(s.Direction),
        };
        foreach (var (key, value) in extra ?? []) if (value is not null) body[key] = value;
        return new DetailEvent(at, c.ConversationId!, suffix, JsonSerializer.Serialize(body, Json.Options));
    }

    /// <summary>Analytics camelCase → the detail events' UPPER_SNAKE (noAnswerTransfer → NO_ANSWER_TRANSFER).</summary>
    private static string? Upper(string? value)
        => value is null ? null : string.Concat(value.Select(ch => char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));
}
