using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Endpoints.Analytics;

/// <summary>
/// POST /api/v2/analytics/conversations/aggregates/query (permission analytics:conversationAggregate:view): the body
/// checked by <see cref="AggregateQueryParser"/>, the answer computed by <see cref="ConversationAggregates"/>.
/// </summary>
public static class AggregatesEndpoint
{
    public const string AggregatePermission = "analytics:conversationAggregate:view";

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPost("/api/v2/analytics/conversations/aggregates/query", Query).RequireAnyPermission(AggregatePermission);

    private static async Task<IResult> Query(HttpContext ctx, ConversationGenerator generator, EmulatorClock clock)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<AggregateQueryBody>(ctx.Request, AggregateQueryParser.BodyRequired);
            var query = AggregateQueryParser.Parse(body);
            return Results.Json(ConversationAggregates.Run(query, generator, clock.Now), Json.Options);
        }
        catch (QueryValidationException ex)
        {
            return ErrorBodies.Result(ctx, 400, ex.Code, ex.Message);
        }
    }
}
