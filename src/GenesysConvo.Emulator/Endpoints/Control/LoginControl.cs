using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Endpoints.Control;

public sealed class BrowserLoginUpdate
{
    /// <summary>The user signed in at the browser (null: the org's first active user).</summary>
    public string? UserId { get; set; }
    /// <summary>An OAuth error code GET /oauth/authorize redirects with instead of a code (null: approve).</summary>
    public string? Error { get; set; }
}

/// <summary>GET /__emulator/login and PUT (replace): who is signed in at the emulated browser, and whether the
/// authorization step fails with an OAuth error (access_denied, server_error, temporarily_unavailable, …).</summary>
public static class LoginControl
{
    public static void Map(IEndpointRouteBuilder control)
    {
        control.MapGet("/login", (BrowserLogin browser) => Describe(browser));
        control.MapPut("/login", Set);
    }

    private static Task<IResult> Set(HttpContext ctx, BrowserLogin browser, SyntheticOrg org)
        => ControlApi.Apply<BrowserLoginUpdate>(ctx, update =>
        {
            if (update.UserId is { } id && org.FindUser(id) is null) return ControlApi.Problem($"no seeded user with id {id}", 404);
            browser.Set(update.UserId, update.Error is { Length: > 0 } error ? error : null);
            return Describe(browser);
        });

    private static IResult Describe(BrowserLogin browser) =>
        Results.Json(new { userId = browser.UserId, error = browser.Error }, Json.Options);
}
