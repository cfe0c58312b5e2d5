using System.Globalization;
using System.Text.Json;
using GenesysConvo.Emulator.Analytics;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Endpoints;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Control;

public sealed class ClockUpdate
{
    public DateTimeOffset? Now { get; set; }
    public double? AdvanceSeconds { get; set; }
    public bool? Frozen { get; set; }
}

public sealed class UserTokenRequest
{
    public string? UserId { get; set; }
    public int? ExpiresInSeconds { get; set; }
}

/// <summary>
/// Test-only control API under /__emulator/ on the api host: no auth, not rate limited, not logged.
/// Errors here are plain {"error": "..."} with 400/404 — they are not part of the emulated API.
/// </summary>
public static class ControlApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var c = app.MapGroup("/__emulator");

        c.MapGet("/requests", (RequestLog log) => Results.Json(log.Snapshot(), Json.Options));
        c.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        c.MapGet("/stats", (TokenStore tokens, RequestLog log, RateLimiter rate, FaultInjector faults, EmulatorOptions options, SyntheticOrg org) =>
            Results.Json(new
            {
                tokensIssued = tokens.TokensIssued,
                tokensActive = tokens.TokensActive,
                requestsTotal = log.Total,
                rateLimited = rate.Rejected,
                faultsApplied = faults.Applied,
                faultRulesActive = faults.Snapshot().Length,
                seed = options.Seed,
                conversationsPerHour = options.ConversationsPerHour,
                users = org.Users.Count,
                queues = org.Queues.Count,
                wrapupCodes = org.WrapupCodes.Count,
                divisions = org.Divisions.Count,
            }, Json.Options));

        c.MapGet("/config", (RuntimeConfig config) => Results.Json(config.Snapshot(), Json.Options));
        c.MapPut("/config", async (HttpContext ctx, RuntimeConfig config) =>
        {
            var (update, error) = await ReadBody<ConfigUpdate>(ctx);
            if (error is not null) return error;
            try
            {
                config.Merge(update!);
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.Message);
            }

            return Results.Json(config.Snapshot(), Json.Options);
        });

        c.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Snapshot(), Json.Options));
        c.MapPost("/faults", async (HttpContext ctx, FaultInjector faults) =>
        {
            var (rule, error) = await ReadBody<FaultRule>(ctx);
            if (error is not null) return error;
            try
            {
                return Results.Json(faults.Add(rule!), Json.Options, statusCode: 201);
            }
            catch (ArgumentException ex)
            {
                return Problem(ex.Message);
            }
        });
        c.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        c.MapGet("/tokens", (TokenStore tokens) => Results.Json(tokens.History().Select(t => new
        {
            accessToken = t.Token, tokenId = t.Info.TokenId, kind = t.Info.Kind.ToString(), userId = t.Info.UserId,
            issuedAt = t.Info.IssuedAt, expiresAt = t.Info.ExpiresAt,
        }), Json.Options));
        c.MapPost("/tokens/revoke", (TokenStore tokens) => Results.Json(new { revoked = tokens.RevokeAll() }, Json.Options));
        c.MapPost("/tokens/user", async (HttpContext ctx, TokenStore tokens, RuntimeConfig config, SyntheticOrg org) =>
        {
            var (req, error) = await ReadBody<UserTokenRequest>(ctx);
            if (error is not null) return error;
            var user = req!.UserId is { Length: > 0 } id
                ? org.FindUser(id)
                : org.Users.First(u => u.State == "active");
            if (user is null) return Results.Json(new { error = $"no seeded user with id {req.UserId}" }, Json.Options, statusCode: 404);
            var lifetime = req.ExpiresInSeconds ?? config.TokenLifetimeSeconds;
            if (lifetime <= 0) return Problem("expiresInSeconds must be > 0.");
            var (token, _) = tokens.Issue(TokenKind.User, user.Id, lifetime);
            return Login.TokenResponse(token, lifetime);
        });

        c.MapGet("/clock", (EmulatorClock clock) => ClockState(clock));
        c.MapPut("/clock", async (HttpContext ctx, EmulatorClock clock) =>
        {
            var (update, error) = await ReadBody<ClockUpdate>(ctx);
            if (error is not null) return error;
            if (update!.Frozen is { } frozen) clock.Freeze(frozen);
            if (update.Now is { } now) clock.Set(now);
            if (update.AdvanceSeconds is { } seconds) clock.Advance(TimeSpan.FromSeconds(seconds));
            return ClockState(clock);
        });

        c.MapPost("/reset", (RequestLog log, FaultInjector faults, RuntimeConfig config, EmulatorClock clock, TokenStore tokens, RateLimiter rate, DetailsJobStore jobs) =>
        {
            jobs.Clear();
            log.Clear();
            faults.Clear();
            config.Reset();
            clock.Reset();
            tokens.RevokeAll();
            tokens.ForgetHistory();
            rate.Reset();
            return Results.NoContent();
        });

        c.MapGet("/org", (SyntheticOrg org) => Results.Json(new
        {
            organization = org.Organization,
            divisions = org.Divisions,
            queues = org.Queues,
            users = org.Users,
            wrapupCodes = org.WrapupCodes,
            queueMembers = org.AgentsByQueue.ToDictionary(kv => kv.Key, kv => kv.Value.Select(u => u.Id).ToArray()),
        }, Json.Options));

        ConversationsControl.Map(c);
        AnalyticsControl.Map(c);
    }

    private static IResult ClockState(EmulatorClock clock)
        => Results.Json(new { now = clock.Now, frozen = clock.IsFrozen, overridden = clock.IsOverridden }, Json.Options);

    public static IResult Problem(string message, int status = 400)
        => Results.Json(new { error = message }, Json.Options, statusCode: status);

    /// <summary>Reads a JSON body; an empty body means "all fields unset".</summary>
    private static async Task<(T? Value, IResult? Error)> ReadBody<T>(HttpContext ctx) where T : new()
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
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

    public static bool TryParseTime(string? text, out DateTimeOffset value)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
