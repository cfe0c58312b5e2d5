using GenesysConvo.Emulator.Analytics;
using GenesysConvo.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Control;

/// <summary>
/// Ground truth for the analytics endpoints (no paging, no 7/31-day or depth limits):
/// POST /__emulator/analytics/match     — body as the details query → {ids, count, now}: every matching conversation id,
///                                        in the query's order (query semantics, as of the emulator clock);
/// POST /__emulator/analytics/match-job — body as a details job (+ optional jobId or dataAvailabilityDate) →
///                                        {ids, count, now, dataAvailabilityDate}: job semantics and cut-off.
/// </summary>
public static class AnalyticsControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapPost("/analytics/match", async (HttpContext ctx, ConversationMatcher matcher, EmulatorClock clock) =>
        {
            try
            {
                var query = DetailsQueryParser.Parse(await DetailsQueryParser.Read(ctx.Request), enforceIntervalLimits: false);
                var now = clock.Now;
                var ids = ConversationMatcher.Sort(matcher.Find(query, now, startOfDay: true), query.Order, query.OrderBy)
                    .Select(m => matcher.Generator.Get(m.Index, now)!.ConversationId!).ToList();
                return Results.Json(new { ids, count = ids.Count, now }, Json.Options);
            }
            catch (QueryValidationException ex)
            {
                return ControlApi.Problem(ex.Message);
            }
        });

        control.MapPost("/analytics/match-job", async (HttpContext ctx, ConversationMatcher matcher, DetailsJobStore jobs, EmulatorClock clock, RuntimeConfig config) =>
        {
            try
            {
                var body = await DetailsQueryParser.Read(ctx.Request);
                var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: false);
                var now = clock.Now;
                var asOf = now;
                var availability = DetailsJobStore.AvailabilityAt(now, config.DataAvailabilityLagMinutes);
                if (body.JobId is { Length: > 0 } jobId)
                {
                    if (jobs.Find(jobId) is not { } job) return ControlApi.Problem($"no job {jobId}", 404);
                    asOf = job.CompletionDate;
                    availability = job.DataAvailabilityDate;
                }

                if (body.DataAvailabilityDate is { } given) availability = given;
                var ids = DetailsJobStore.Compute(matcher, query, asOf, availability)
                    .Select(k => matcher.Generator.Get(k, asOf)!.ConversationId!).ToList();
                return Results.Json(new { ids, count = ids.Count, now, dataAvailabilityDate = availability }, Json.Options);
            }
            catch (QueryValidationException ex)
            {
                return ControlApi.Problem(ex.Message);
            }
        });
    }
}
