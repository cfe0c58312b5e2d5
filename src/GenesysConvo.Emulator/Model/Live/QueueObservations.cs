using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Live;

/// <summary>
/// What the queues look like now, computed from <see cref="LiveConversations"/> at the emulator's now. Per matching
/// queue: a {queueId} group with the user metrics requested and one {queueId, mediaType} group per media type (voice,
/// chat, message, email, callback; also when 0) with the conversation metrics requested. oWaiting = live conversations
/// waiting in that queue; oAlerting = alerting; oInteracting = talking, on hold or dialing (an agent working it for
/// that queue). Observations only for metrics in detailMetrics.
/// </summary>
public static class QueueObservations
{
    public static readonly string[] ConversationMetrics =
        ["oWaiting", "oInteracting", "oAlerting", "oLongestWaiting", "oLongestInteracting"];

    public static readonly string[] UserMetrics =
        ["oActiveUsers", "oMemberUsers", "oOffQueueUsers", "oOnQueueUsers", "oUserPresences", "oUserRoutingStatuses"];

    public static readonly string[] MediaTypes = ["voice", "chat", "message", "email", "callback"];

    /// <summary>The state every observation of one request is computed from.</summary>
    private sealed record Snapshot(
        DateTimeOffset Now,
        List<LiveConversation> Conversations,
        HashSet<string> BusyUsers,
        string OnQueuePresenceId,
        HashSet<string> Details);

    public static ObservationResponse Compute(LiveConversations live, SyntheticOrg org, DateTimeOffset now, QueueObservationFilter filter,
        List<string> metrics, HashSet<string> details)
    {
        var conversations = live.At(now);
        var busyUsers = conversations.SelectMany(c => c.UserIds).ToHashSet(StringComparer.Ordinal);
        var onQueuePresenceId = SeededRandom.For(live.Seed, "presence-on-queue").NextGuid().ToString();
        var snapshot = new Snapshot(now, conversations, busyUsers, onQueuePresenceId, details);
        var response = new ObservationResponse();
        if (metrics.Contains("oUserPresences")) response.SystemToOrganizationMappings = new() { ["ON_QUEUE"] = [onQueuePresenceId] };

        var userMetrics = metrics.Where(m => UserMetrics.Contains(m)).ToList();
        var conversationMetrics = metrics.Where(m => ConversationMetrics.Contains(m)).ToList();
        foreach (var queue in org.Queues)
        {
            var mediaMatches = MediaTypes.Where(m => Matches(filter, queue.Id, m)).ToList();
            if (mediaMatches.Count == 0) continue;
            if (userMetrics.Count > 0) response.Results.Add(UserGroup(queue, org, userMetrics, snapshot));
            if (conversationMetrics.Count == 0) continue;
            foreach (var media in mediaMatches) response.Results.Add(ConversationGroup(queue, media, conversationMetrics, snapshot));
        }

        return response;
    }

    /// <summary>
    /// Does the (queue, media) pair satisfy the filter? A null media (queue-level group) satisfies every mediaType predicate.
    /// </summary>
    private static bool Matches(QueueObservationFilter f, string queueId, string? media)
    {
        var results = (f.Predicates ?? []).Select(p => p.Dimension!.Equals("queueId", StringComparison.OrdinalIgnoreCase)
                ? string.Equals(p.Value, queueId, StringComparison.OrdinalIgnoreCase)
                : media is null || string.Equals(p.Value, media, StringComparison.OrdinalIgnoreCase))
            .Concat((f.Clauses ?? []).Select(c => Matches(c, queueId, media)));
        return f.Type!.Equals("and", StringComparison.OrdinalIgnoreCase) ? results.All(x => x) : results.Any(x => x);
    }

    /// <summary>The queue's active members (all taken as joined and on queue), interacting when busy in a live conversation.</summary>
    private static ObservationContainer UserGroup(Queue queue, SyntheticOrg org, List<string> userMetrics, Snapshot s)
    {
        var members = org.AgentsByQueue.GetValueOrDefault(queue.Id, []).Where(u => u.State == "active").ToList();
        var interacting = members.Where(u => s.BusyUsers.Contains(u.Id)).ToList();
        var idle = members.Where(u => !s.BusyUsers.Contains(u.Id)).ToList();
        var group = new ObservationContainer { Group = { ["queueId"] = queue.Id } };
        foreach (var metric in userMetrics)
        {
            var detail = s.Details.Contains(metric);
            switch (metric)
            {
                case "oOnQueueUsers" or "oUserRoutingStatuses":
                    if (interacting.Count > 0) group.Data.Add(UserData(metric, "INTERACTING", interacting, detail, s.Now));
                    if (idle.Count > 0) group.Data.Add(UserData(metric, "IDLE", idle, detail, s.Now));
                    if (members.Count == 0) group.Data.Add(UserData(metric, null, [], detail, s.Now));
                    break;
                case "oUserPresences":
                    group.Data.Add(UserData(metric, members.Count > 0 ? s.OnQueuePresenceId : null, members, detail, s.Now));
                    break;
                case "oOffQueueUsers":
                    group.Data.Add(UserData(metric, null, [], detail, s.Now));
                    break;
                default: // oActiveUsers, oMemberUsers: every active member is taken to be joined and on queue
                    group.Data.Add(UserData(metric, null, members, detail, s.Now));
                    break;
            }
        }

        return group;
    }

    private static ObservationContainer ConversationGroup(Queue queue, string media, List<string> conversationMetrics, Snapshot s)
    {
        var here = s.Conversations.Where(c => c.QueueId == queue.Id && c.MediaType == media).ToList();
        List<ObservationValue> At(Func<string, bool> step)
            => here.Where(c => step(c.Step)).Select(c => Observe(c, s.Now)).OrderBy(o => o.ObservationDate).ToList();
        var waiting = At(step => step == LiveStep.WaitingInQueue);
        var alerting = At(step => step == LiveStep.Alerting);
        var working = At(LiveStep.IsInteracting);
        var group = new ObservationContainer { Group = { ["queueId"] = queue.Id, ["mediaType"] = media } };
        foreach (var metric in conversationMetrics)
        {
            var list = metric switch { "oWaiting" or "oLongestWaiting" => waiting, "oAlerting" => alerting, _ => working };
            var data = new ObservationMetricData { Metric = metric, Stats = { Count = list.Count } };
            if (metric.StartsWith("oLongest", StringComparison.Ordinal) && list.Count > 0)
                data.Stats.CalculatedMetricValue = (long)(s.Now - list[0].ObservationDate).TotalMilliseconds;
            if (s.Details.Contains(metric) && list.Count > 0) data.Observations = list;
            group.Data.Add(data);
        }

        return group;
    }

    private static ObservationMetricData UserData(string metric, string? qualifier, List<User> users, bool detail, DateTimeOffset now)
        => new()
        {
            Metric = metric,
            Qualifier = qualifier,
            Stats = { Count = users.Count },
            Observations = detail && users.Count > 0
                ? users.Select(u => new ObservationValue { ObservationDate = now, UserId = u.Id }).ToList()
                : null,
        };

    /// <summary>The observation of a waiting (acd session), alerting or interacting (agent session) conversation.</summary>
    private static ObservationValue Observe(LiveConversation c, DateTimeOffset now)
    {
        var r = c.Record;
        var customer = r.Participants.FirstOrDefault(p => p.Purpose is "customer" or "external");
        var acdSession = r.Participants.Where(p => p.Purpose == "acd").SelectMany(p => p.Sessions)
            .LastOrDefault(s => s.Segments.Any(x => x.QueueId == c.QueueId));
        var waiting = c.Step == LiveStep.WaitingInQueue;
        var (session, date) = waiting ? (acdSession, WaitStart(acdSession, now)) : AgentSession(c, now);
        return new ObservationValue
        {
            ObservationDate = date,
            ConversationId = r.ConversationId,
            SessionId = session?.SessionId,
            RoutingPriority = 0,
            ParticipantName = customer?.ParticipantName,
            UserId = waiting ? null : c.UserId,
            Direction = session?.Direction,
            Ani = session?.Ani,
            Dnis = session?.Dnis,
            AddressFrom = session?.AddressFrom,
            AddressTo = session?.AddressTo,
            RequestedRoutings = acdSession?.RequestedRoutings,
            UsedRouting = acdSession?.UsedRouting,
        };
    }

    /// <summary>Queue entry: the start of the acd session's open segment.</summary>
    private static DateTimeOffset WaitStart(AnalyticsSession? acdSession, DateTimeOffset now)
        => acdSession?.Segments.LastOrDefault(x => x.SegmentEnd is null)?.SegmentStart ?? now;

    /// <summary>The agent's open session and since when it alerts (alert start) or is worked (first interact or dialing).</summary>
    private static (AnalyticsSession? Session, DateTimeOffset Date) AgentSession(LiveConversation c, DateTimeOffset now)
    {
        var session = c.Record.Participants.Where(p => p.Purpose == "agent" && p.UserId == c.UserId).SelectMany(p => p.Sessions)
            .LastOrDefault(s => s.Segments.Any(x => x.SegmentEnd is null));
        var segments = session?.Segments ?? [];
        var since = c.Step == LiveStep.Alerting
            ? segments.FirstOrDefault(x => x.SegmentType == "alert")?.SegmentStart
            : segments.FirstOrDefault(x => x.SegmentType is "interact" or "dialing")?.SegmentStart;
        return (session, since ?? now);
    }
}
