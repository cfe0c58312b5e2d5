using GenesysConvo.Emulator.Infrastructure;

namespace GenesysConvo.Emulator.Endpoints.Control;

public sealed class ClockUpdate
{
    public DateTimeOffset? Now { get; set; }
    public double? AdvanceSeconds { get; set; }
    public bool? Frozen { get; set; }
}

/// <summary>GET /__emulator/clock → {now, frozen, overridden}; PUT {now?, frozen?, advanceSeconds?} moves or freezes it.</summary>
public static class ClockControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/clock", State);
        control.MapPut("/clock", Update);
    }

    private static IResult State(EmulatorClock clock)
        => Results.Json(new { now = clock.Now, frozen = clock.IsFrozen, overridden = clock.IsOverridden }, Json.Options);

    private static async Task<IResult> Update(HttpContext ctx, EmulatorClock clock)
    {
        var (update, error) = await ControlApi.ReadBody<ClockUpdate>(ctx);
        if (error is not null) return error;
        if (update!.Frozen is { } frozen) clock.Freeze(frozen);
        if (update.Now is { } now) clock.Set(now);
        if (update.AdvanceSeconds is { } seconds) clock.Advance(TimeSpan.FromSeconds(seconds));
        return State(clock);
    }
}
