using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>GET /__emulator/config and PUT (merge) — the run-time settings of <see cref="RuntimeConfig"/>.</summary>
public static class ConfigControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/config", (RuntimeConfig config) => Results.Json(config.Snapshot(), Json.Options));
        control.MapPut("/config", Merge);
    }

    private static Task<IResult> Merge(HttpContext ctx, RuntimeConfig config)
        => ControlApi.Apply<ConfigUpdate>(ctx, update =>
        {
            config.Merge(update);
            return Results.Json(config.Snapshot(), Json.Options);
        });
}
