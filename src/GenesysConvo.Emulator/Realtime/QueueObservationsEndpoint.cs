using System.Text.Json;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Realtime;

// QueueObservationQuery / QueueObservationQueryResponse (SDK typings). Unknown request fields are ignored.

public sealed class QueueObservationQueryBody
{
    public QueueObservationFilter? Filter { get; set; }
    public List<string>? Metrics { get; set; }
    public List<string>? DetailMetrics { get; set; }
}

public sealed class QueueObservationFilter
{
    public string? Type { get; set; }
    public List<QueueObservationFilter>? Clauses { get; set; }
    public List<QueueObservationPredicate>? Predicates { get; set; }
}

public sealed class QueueObservationPredicate
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
}

public sealed class ObservationResponse
{
    public Dictionary<string, List<string>>? SystemToOrganizationMappings { get; set; }
    public List<ObservationContainer> Results { get; set; } = [];
}

public sealed class ObservationContainer
{
    public Dictionary<string, string> Group { get; set; } = new(StringComparer.Ordinal);
    public List<ObservationMetricData> Data { get; set; } = [];
}

public sealed class ObservationMetricData
{
    public string? Metric { get; set; }
    public string? Qualifier { get; set; }
    public ObservationStats Stats { get; set; } = new();
    public List<ObservationValue>? Observations { get; set; }
}

public sealed class ObservationStats
{
    public long? Count { get; set; }
    public long? CalculatedMetricValue { get; set; }
}

public sealed class ObservationValue
{
    public DateTimeOffset ObservationDate { get; set; }
    public string? ConversationId { get; set; }
    public string? SessionId { get; set; }
    public int? RoutingPriority { get; set; }
    public string? ParticipantName { get; set; }
    public string? UserId { get; set; }
    public string? Direction { get; set; }
    public string? Ani { get; set; }
    public string? Dnis { get; set; }
    public string? AddressFrom { get; set; }
    public string? AddressTo { get; set; }
    public List<string>? RequestedRoutings { get; set; }
    public string? UsedRouting { get; set; }
}

/// <summary>
/// POST /api/v2/analytics/queues/observations/query (permission analytics:queueObservation:view), computed from
/// <see cref="LiveConversations"/> at the emulator's now. Per matching queue: a {queueId} group with the user metrics
/// requested and one {queueId, mediaType} group per media type (voice, chat, message, email, callback; also when 0)
/// with the conversation metrics requested. oWaiting = live conversations at step queue in that queue; oAlerting =
/// step alerting; oInteracting = step talking, hold or dialing (agent working it for that queue). Observations only for
/// metrics in detailMetrics.
/// </summary>
public static class QueueObservationsEndpoint
{
    public const string Permission = "analytics:queueObservation:view";

    private static readonly string[] ConversationMetrics = ["oWaiting", "oInteracting", "oAlerting", "oLongestWaiting", "oLongestInteracting"];
    private static readonly string[] UserMetrics = ["oActiveUsers", "oMemberUsers", "oOffQueueUsers", "oOnQueueUsers", "oUserPresences", "oUserRoutingStatuses"];
    private static readonly string[] MediaTypes = ["voice", "chat", "message", "email", "callback"];
    private static readonly string[] Dimensions = ["queueId", "mediaType"];

    public static void Map(IEndpointRouteBuilder app, LiveConversations live)
    {
        app.MapPost("/api/v2/analytics/queues/observations/query", async (HttpContext ctx, SyntheticOrg org, EmulatorClock clock) =>
        {
            QueueObservationQueryBody? body;
            try
            {
                using var reader = new StreamReader(ctx.Request.Body);
                var text = await reader.ReadToEndAsync(ctx.RequestAborted);
                body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<QueueObservationQueryBody>(text, Json.Options);
            }
            catch (JsonException ex)
            {
                return ErrorBodies.BadRequest(ctx, $"Unable to parse the request body: {ex.Message}");
            }

            if (Validate(body) is { } problem) return ErrorBodies.BadRequest(ctx, problem);
            var metrics = body!.Metrics!.Select(Canonical).ToList();
            var details = new HashSet<string>((body.DetailMetrics ?? []).Select(Canonical), StringComparer.Ordinal);
            return Results.Json(Compute(live, org, clock.Now, body.Filter!, metrics, details), Json.Options);
        }).RequireAnyPermission(Permission);
    }

    private static string Canonical(string metric)
        => ConversationMetrics.Concat(UserMetrics).First(m => m.Equals(metric, StringComparison.OrdinalIgnoreCase));

    private static string? Validate(QueueObservationQueryBody? body)
    {
        if (body is null) return "A request body is required.";
        if (body.Filter is null) return "filter is required.";
        if (body.Metrics is not { Count: > 0 }) return "metrics is required: at least one metric must be specified.";
        for (var i = 0; i < body.Metrics.Count; i++)
        {
            var m = body.Metrics[i];
            if (m is null || !ConversationMetrics.Concat(UserMetrics).Contains(m, StringComparer.OrdinalIgnoreCase))
                return $"metrics[{i}]: unknown metric '{m}'.";
        }

        for (var i = 0; i < (body.DetailMetrics?.Count ?? 0); i++)
        {
            var m = body.DetailMetrics![i];
            if (m is null || m.StartsWith("oLongest", StringComparison.OrdinalIgnoreCase) ||
                !ConversationMetrics.Concat(UserMetrics).Contains(m, StringComparer.OrdinalIgnoreCase))
                return $"detailMetrics[{i}]: unknown or unsupported detail metric '{m}'.";
        }

        return ValidateFilter(body.Filter, "filter");
    }

    private static string? ValidateFilter(QueueObservationFilter f, string path)
    {
        if (f.Type is null || !(f.Type.Equals("and", StringComparison.OrdinalIgnoreCase) || f.Type.Equals("or", StringComparison.OrdinalIgnoreCase)))
            return $"{path}.type must be 'and' or 'or'.";
        if ((f.Predicates?.Count ?? 0) == 0 && (f.Clauses?.Count ?? 0) == 0)
            return $"{path} needs predicates or clauses.";
        for (var i = 0; i < (f.Clauses?.Count ?? 0); i++)
        {
            var c = f.Clauses![i];
            if (c is null) return $"{path}.clauses[{i}] must be an object.";
            if (c.Clauses is { Count: > 0 }) return $"{path}.clauses[{i}]: clauses cannot be nested.";
            if (ValidateFilter(c, $"{path}.clauses[{i}]") is { } e) return e;
        }

        for (var i = 0; i < (f.Predicates?.Count ?? 0); i++)
        {
            var p = f.Predicates![i];
            var at = $"{path}.predicates[{i}]";
            if (p is null) return $"{at} must be an object.";
            if (p.Dimension is null || !Dimensions.Contains(p.Dimension, StringComparer.OrdinalIgnoreCase))
                return $"{at}: unknown dimension '{p.Dimension}' (allowed: queueId, mediaType).";
            if (p.Operator is not null && !p.Operator.Equals("matches", StringComparison.OrdinalIgnoreCase))
                return $"{at}: operator '{p.Operator}' is not supported (matches).";
            if (string.IsNullOrEmpty(p.Value)) return $"{at}: value is required.";
        }

        return null;
    }

    /// <summary>Does the (queue, media) pair satisfy the filter? A null media (queue-level group) satisfies every mediaType predicate.</summary>
    private static bool Matches(QueueObservationFilter f, string queueId, string? media)
    {
        var results = (f.Predicates ?? []).Select(p => p.Dimension!.Equals("queueId", StringComparison.OrdinalIgnoreCase)
                ? string.Equals(p.Value, queueId, StringComparison.OrdinalIgnoreCase)
                : media is null || string.Equals(p.Value, media, StringComparison.OrdinalIgnoreCase))
            .Concat((f.Clauses ?? []).Select(c => Matches(c, queueId, media)));
        return f.Type!.Equals("and", StringComparison.OrdinalIgnoreCase) ? results.All(x => x) : results.Any(x => x);
    }

    private static ObservationResponse Compute(LiveConversations live, SyntheticOrg org, DateTimeOffset now, QueueObservationFilter filter,
        List<string> metrics, HashSet<string> details)
    {
        var conversations = live.At(now);
        var busyUsers = conversations.SelectMany(c => c.UserIds).ToHashSet(StringComparer.Ordinal);
        var onQueuePresenceId = SeededRandom.For(live.Seed, "presence-on-queue").NextGuid().ToString();
        var response = new ObservationResponse();
        if (metrics.Contains("oUserPresences")) response.SystemToOrganizationMappings = new() { ["ON_QUEUE"] = [onQueuePresenceId] };

        var userMetrics = metrics.Where(m => UserMetrics.Contains(m)).ToList();
        var conversationMetrics = metrics.Where(m => ConversationMetrics.Contains(m)).ToList();
        foreach (var queue in org.Queues)
        {
            var mediaMatches = MediaTypes.Where(m => Matches(filter, queue.Id, m)).ToList();
            if (mediaMatches.Count == 0) continue;

            if (userMetrics.Count > 0)
            {
                var members = org.AgentsByQueue.GetValueOrDefault(queue.Id, []).Where(u => u.State == "active").ToList();
                var interacting = members.Where(u => busyUsers.Contains(u.Id)).ToList();
                var idle = members.Where(u => !busyUsers.Contains(u.Id)).ToList();
                var group = new ObservationContainer { Group = { ["queueId"] = queue.Id } };
                foreach (var metric in userMetrics)
                {
                    var detail = details.Contains(metric);
                    switch (metric)
                    {
                        case "oOnQueueUsers" or "oUserRoutingStatuses":
                            if (interacting.Count > 0) group.Data.Add(UserData(metric, "INTERACTING", interacting, detail, now));
                            if (idle.Count > 0) group.Data.Add(UserData(metric, "IDLE", idle, detail, now));
                            if (members.Count == 0) group.Data.Add(UserData(metric, null, [], detail, now));
                            break;
                        case "oUserPresences":
                            group.Data.Add(UserData(metric, members.Count > 0 ? onQueuePresenceId : null, members, detail, now));
                            break;
                        case "oOffQueueUsers":
                            group.Data.Add(UserData(metric, null, [], detail, now));
                            break;
                        default: // oActiveUsers, oMemberUsers: every active member is taken to be joined and on queue
                            group.Data.Add(UserData(metric, null, members, detail, now));
                            break;
                    }
                }

                response.Results.Add(group);
            }

            if (conversationMetrics.Count == 0) continue;
            foreach (var media in mediaMatches)
            {
                var here = conversations.Where(c => c.QueueId == queue.Id && c.MediaType == media).ToList();
                var waiting = here.Where(c => c.Step == "queue").Select(c => Observe(c, now)).OrderBy(o => o.ObservationDate).ToList();
                var alerting = here.Where(c => c.Step == "alerting").Select(c => Observe(c, now)).OrderBy(o => o.ObservationDate).ToList();
                var working = here.Where(c => c.Step is "talking" or "hold" or "dialing").Select(c => Observe(c, now)).OrderBy(o => o.ObservationDate).ToList();
                var group = new ObservationContainer { Group = { ["queueId"] = queue.Id, ["mediaType"] = media } };
                foreach (var metric in conversationMetrics)
                {
                    var list = metric switch { "oWaiting" or "oLongestWaiting" => waiting, "oAlerting" => alerting, _ => working };
                    var data = new ObservationMetricData { Metric = metric, Stats = { Count = list.Count } };
                    if (metric.StartsWith("oLongest", StringComparison.Ordinal) && list.Count > 0)
                        data.Stats.CalculatedMetricValue = (long)(now - list[0].ObservationDate).TotalMilliseconds;
                    if (details.Contains(metric) && list.Count > 0) data.Observations = list;
                    group.Data.Add(data);
                }

                response.Results.Add(group);
            }
        }

        return response;
    }

    private static ObservationMetricData UserData(string metric, string? qualifier, List<User> users, bool detail, DateTimeOffset now)
        => new()
        {
            Metric = metric,
            Qualifier = qualifier,
            Stats = { Count = users.Count },
            Observations = detail && users.Count > 0 ? users.Select(u => new ObservationValue { ObservationDate = now, UserId = u.Id }).ToList() : null,
        };

    /// <summary>The observation of a waiting (acd session), alerting or interacting (agent session) conversation.</summary>
    private static ObservationValue Observe(LiveConversation c, DateTimeOffset now)
    {
        var r = c.Record;
        var customer = r.Participants.FirstOrDefault(p => p.Purpose is "customer" or "external");
        var acdSession = r.Participants.Where(p => p.Purpose == "acd").SelectMany(p => p.Sessions)
            .LastOrDefault(s => s.Segments.Any(x => x.QueueId == c.QueueId));
        AnalyticsSession? session;
        DateTimeOffset date;
        if (c.Step == "queue")
        {
            session = acdSession;
            date = session?.Segments.LastOrDefault(x => x.SegmentEnd is null)?.SegmentStart ?? now;
        }
        else
        {
            session = r.Participants.Where(p => p.Purpose == "agent" && p.UserId == c.UserId).SelectMany(p => p.Sessions)
                .LastOrDefault(s => s.Segments.Any(x => x.SegmentEnd is null));
            var segments = session?.Segments ?? [];
            date = (c.Step == "alerting"
                ? segments.FirstOrDefault(x => x.SegmentType == "alert")?.SegmentStart
                : segments.FirstOrDefault(x => x.SegmentType is "interact" or "dialing")?.SegmentStart) ?? now;
        }

        return new ObservationValue
        {
            ObservationDate = date,
            ConversationId = r.ConversationId,
            SessionId = session?.SessionId,
            RoutingPriority = 0,
            ParticipantName = customer?.ParticipantName,
            UserId = c.Step == "queue" ? null : c.UserId,
            Direction = session?.Direction,
            Ani = session?.Ani,
            Dnis = session?.Dnis,
            AddressFrom = session?.AddressFrom,
            AddressTo = session?.AddressTo,
            RequestedRoutings = acdSession?.RequestedRoutings,
            UsedRouting = acdSession?.UsedRouting,
        };
    }
}
