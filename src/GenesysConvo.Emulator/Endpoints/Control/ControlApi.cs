using System.Globalization;
using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;

namespace GenesysConvo.Emulator.Endpoints.Control;

/// <summary>
/// Test-only control API under /__emulator/ on the api host: no auth, not rate limited, not logged.
/// Errors here are plain {"error": "..."} with 400/404 — they are not part of the emulated API.
/// </summary>
public static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/__emulator");
        RequestLogControl.Map(control);
        ConfigControl.Map(control);
        FaultsControl.Map(control);
        TokensControl.Map(control);
        LoginControl.Map(control);
        ClockControl.Map(control);
        OrgControl.Map(control);
        ConversationsControl.Map(control);
        LiveControl.Map(control);
        AnalyticsControl.Map(control);
        NotificationsControl.Map(control);
        control.MapPost("/reset", Reset);
    }

    /// <summary>POST /__emulator/reset: clears log, faults, config overrides, clock, rate windows and jobs; revokes tokens.</summary>
    private static IResult Reset(RequestLog log, FaultInjector faults, RuntimeConfig config, EmulatorClock clock, TokenStore tokens,
        RateLimiter rate, DetailsJobStore jobs, Model.Notifications.NotificationHub notifications,
        BrowserLogin browser)
    {
        notifications.Reset();
        jobs.Clear();
        browser.Reset();
        log.Clear();
        faults.Clear();
        config.Reset();
        clock.Reset();
        tokens.RevokeAll();
        tokens.ForgetHistory();
        rate.Reset();
        return Results.NoContent();
    }

    public static IResult Problem(string message, int status = 400)
        => Results.Json(new { error = message }, Json.Options, statusCode: status);

    /// <summary>Reads a JSON body; an empty body means "all fields unset".</summary>
    public static async Task<(T? Value, IResult? Error)> ReadBody<T>(HttpContext ctx) where T : new()
    {
        var text = await RequestBodies.ReadText(ctx.Request);
        if (string.IsNullOrWhiteSpace(text)) return (new T(), null);
        try
        {
            return (JsonSerializer.Deserialize<T>(text, Json.Options) ?? new T(), null);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return (default, Problem($"invalid JSON body: {ex.Message}"));
        }
    }

    /// <summary>Reads the JSON body and applies it; an ArgumentException (a value out of range) answers 400 with its message.</summary>
    public static async Task<IResult> Apply<T>(HttpContext ctx, Func<T, IResult> apply) where T : new()
    {
        var (value, error) = await ReadBody<T>(ctx);
        if (error is not null) return error;
        try
        {
            return apply(value!);
        }
        catch (ArgumentException ex)
        {
            return Problem(ex.Message);
        }
    }

    public static bool TryParseTime(string? text, out DateTimeOffset value)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
}
