using System.Text.Json;
using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>
/// Ground truth for the analytics endpoints (no paging, no 7/31-day or depth limits; errors {"error": "…"}):
/// POST /__emulator/analytics/match         — body as the details query → {ids, count, now}: every matching
///                                            conversation id, in the query's order (query semantics, emulator clock);
/// POST /__emulator/analytics/match-job     — body as a details job (+ optional jobId or dataAvailabilityDate) →
///                                            {ids, count, now, dataAvailabilityDate}: job semantics and cut-off (and
///                                            jobsIncludeOpenConversations as the job had it, or as configured now);
/// POST /__emulator/analytics/metric-events — {interval, filter?} → {rows, count, now}: every metric emission with
///                                            emitDate in [start, end) as flat rows carrying the dimension values
///                                            exactly as the aggregates query groups them (divisionId multi-valued).
/// </summary>
public static class AnalyticsControl
{
    private static readonly JsonSerializerOptions RowOptions = new(Json.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public sealed record MetricEventRow(
        string? ConversationId, string? ParticipantId, string? Purpose, string? UserId, string? SessionId, string? MediaType,
        string? Direction, string? OriginatingDirection, string? QueueId, string? WrapUpCode, string[] DivisionId,
        string Name, long Value, DateTimeOffset EmitDate);

    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapPost("/analytics/match", Match);
        control.MapPost("/analytics/match-job", MatchJob);
        control.MapPost("/analytics/metric-events", MetricEvents);
    }

    private static async Task<IResult> Match(HttpContext ctx, ConversationMatcher matcher, EmulatorClock clock)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<DetailsQueryBody>(ctx.Request, DetailsQueryParser.BodyRequired);
            var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: false);
            var now = clock.Now;
            var ids = ConversationMatcher.Sort(matcher.Find(query, now, startOfDay: true), query.Order, query.OrderBy)
                .Select(m => matcher.Generator.Get(m.Index, now)!.ConversationId!).ToList();
            return Results.Json(new { ids, count = ids.Count, now }, Json.Options);
        }
        catch (QueryValidationException ex)
        {
            return ControlApi.Problem(ex.Message);
        }
    }

    private static async Task<IResult> MatchJob(HttpContext ctx, ConversationMatcher matcher, DetailsJobStore jobs, EmulatorClock clock,
        RuntimeConfig config)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<DetailsQueryBody>(ctx.Request, DetailsQueryParser.BodyRequired);
            var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: false);
            var now = clock.Now;
            var asOf = now;
            var availability = DetailsJobStore.AvailabilityAt(now, config.DataAvailabilityLagMinutes);
            var includeOpen = config.JobsIncludeOpenConversations;
            if (body.JobId is { Length: > 0 } jobId)
            {
                if (jobs.Find(jobId) is not { } job) return ControlApi.Problem($"no job {jobId}", 404);
                asOf = job.CompletionDate;
                availability = job.DataAvailabilityDate;
                includeOpen = job.IncludeOpen;
            }

            if (body.DataAvailabilityDate is { } given) availability = given;
            var ids = DetailsJobStore.Compute(matcher, query, asOf, new DatalakeCutoff(availability, includeOpen))
                .Select(k => matcher.Generator.Get(k, asOf)!.ConversationId!).ToList();
            return Results.Json(new { ids, count = ids.Count, now, dataAvailabilityDate = availability }, Json.Options);
        }
        catch (QueryValidationException ex)
        {
            return ControlApi.Problem(ex.Message);
        }
    }

    private static async Task<IResult> MetricEvents(HttpContext ctx, ConversationGenerator generator, EmulatorClock clock)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<AggregateQueryBody>(ctx.Request, AggregateQueryParser.BodyRequired);
            var query = AggregateQueryParser.Parse(body, requireMetrics: false);
            var now = clock.Now;
            var rows = MetricEmissions.Collect(generator, query.Start, query.End, now, query.Filter, _ => true)
                .OrderBy(e => e.EmitDate).ThenBy(e => e.ConversationIndex)
                .Select(Row).ToList();
            return Results.Json(new { rows, count = rows.Count, now }, RowOptions);
        }
        catch (QueryValidationException ex)
        {
            return ControlApi.Problem(ex.Message);
        }
    }

    private static MetricEventRow Row(MetricEmission e)
    {
        var s = e.Source;
        return new MetricEventRow(s.ConversationId, s.ParticipantId, s.Purpose, s.UserId, s.SessionId, s.MediaType, s.Direction,
            s.OriginatingDirection, s.QueueId, s.WrapUpCode, s.DivisionIds, e.Name, e.Value, e.EmitDate);
    }
}
