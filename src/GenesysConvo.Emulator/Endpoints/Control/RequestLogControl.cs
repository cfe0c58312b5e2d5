using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>GET|DELETE /__emulator/requests (the request log) and GET /__emulator/stats (counters).</summary>
public static class RequestLogControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/requests", (RequestLog log) => Results.Json(log.Snapshot(), Json.Options));
        control.MapDelete("/requests", Clear);
        control.MapGet("/stats", Stats);
    }

    private static IResult Clear(RequestLog log)
    {
        log.Clear();
        return Results.NoContent();
    }

    private static IResult Stats(TokenStore tokens, RequestLog log, RateLimiter rate, FaultInjector faults, EmulatorOptions options,
        SyntheticOrg org)
        => Results.Json(new
        {
            tokensIssued = tokens.TokensIssued,
            tokensActive = tokens.TokensActive,
            requestsTotal = log.Total,
            rateLimited = rate.Rejected,
            faultsApplied = faults.Applied,
            faultRulesActive = faults.Snapshot().Length,
            seed = options.Seed,
            conversationsPerHour = options.ConversationsPerHour,
            longOpenPerDay = options.LongOpenPerDay,
            users = org.Users.Count,
            queues = org.Queues.Count,
            wrapupCodes = org.WrapupCodes.Count,
            divisions = org.Divisions.Count,
        }, Json.Options);
}
