using System.Text.Json;
using System.Text.Json.Serialization;
using GenesysConvo.Emulator.Analytics;
using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Control;

/// <summary>
/// Ground truth of the aggregates query: POST /__emulator/analytics/metric-events {interval, filter?} → every metric
/// emission with emitDate in [start, end) (as of the emulator clock) as flat rows carrying the dimension values exactly
/// as the aggregation groups them (divisionId is the multi-valued list). No interval limit; errors {"error": "…"}.
/// </summary>
public static class MetricEventsControl
{
    private static readonly JsonSerializerOptions RowOptions = new(Json.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public sealed record Row(
        string? ConversationId, string? ParticipantId, string? Purpose, string? UserId, string? SessionId, string? MediaType,
        string? Direction, string? OriginatingDirection, string? QueueId, string? WrapUpCode, string[] DivisionId,
        string Name, long Value, DateTimeOffset EmitDate);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/__emulator/analytics/metric-events", async (HttpContext ctx, ConversationGenerator generator, EmulatorClock clock) =>
        {
            try
            {
                var query = AggregateQueryParser.Parse(await AggregateQueryParser.Read(ctx.Request), requireMetrics: false);
                var now = clock.Now;
                var rows = MetricEmissions.Collect(generator, query.Start, query.End, now, query.Filter, _ => true)
                    .OrderBy(e => e.EmitDate).ThenBy(e => e.ConversationIndex)
                    .Select(e =>
                    {
                        var s = e.Source;
                        return new Row(s.ConversationId, s.ParticipantId, s.Purpose, s.UserId, s.SessionId, s.MediaType, s.Direction,
                            s.OriginatingDirection, s.QueueId, s.WrapUpCode, s.DivisionIds, e.Name, e.Value, e.EmitDate);
                    }).ToList();
                return Results.Json(new { rows, count = rows.Count, now }, RowOptions);
            }
            catch (QueryValidationException ex)
            {
                return ControlApi.Problem(ex.Message);
            }
        });
    }
}
