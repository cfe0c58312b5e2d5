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

    private static async Task<IResult> Add(HttpContext ctx, FaultInjector faults)
    {
        var (rule, error) = await ControlApi.ReadBody<FaultRule>(ctx);
        if (error is not null) return error;
        try
        {
            return Results.Json(faults.Add(rule!), Json.Options, statusCode: 201);
        }
        catch (ArgumentException ex)
        {
            return ControlApi.Problem(ex.Message);
        }
    }

    private static IResult Clear(FaultInjector faults)
    {
        faults.Clear();
        return Results.NoContent();
    }
}
