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

    private static async Task<IResult> Merge(HttpContext ctx, RuntimeConfig config)
    {
        var (update, error) = await ControlApi.ReadBody<ConfigUpdate>(ctx);
        if (error is not null) return error;
        try
        {
            config.Merge(update!);
        }
        catch (ArgumentException ex)
        {
            return ControlApi.Problem(ex.Message);
        }

        return Results.Json(config.Snapshot(), Json.Options);
    }
}
