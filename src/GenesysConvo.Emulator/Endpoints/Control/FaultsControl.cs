using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>GET|POST|DELETE /__emulator/faults — the rules of <see cref="FaultInjector"/>.</summary>
public static class FaultsControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Snapshot(), Json.Options));
        control.MapPost("/faults", Add);
        control.MapDelete("/faults", Clear);
    }

    private static Task<IResult> Add(HttpContext ctx, FaultInjector faults)
        => ControlApi.Apply<FaultRule>(ctx, rule => Results.Json(faults.Add(rule), Json.Options, statusCode: 201));

    private static IResult Clear(FaultInjector faults)
    {
        faults.Clear();
        return Results.NoContent();
    }
}
