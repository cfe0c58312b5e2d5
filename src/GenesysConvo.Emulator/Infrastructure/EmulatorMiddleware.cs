using System.Diagnostics;
using System.Globalization;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>
/// Everything cross-cutting, in the order the real gateway applies it: correlation id, injected faults,
/// host separation (login vs api), bearer check, per-token rate limit, permissions, request log.
/// Control calls (/__emulator/*) skip all of it except the correlation id.
/// </summary>
public sealed class EmulatorMiddleware
{
    public const string TokenItem = "emulator.token";

    private readonly RequestDelegate _next;
    private readonly HostPorts _ports;
    private readonly EmulatorClock _clock;
    private readonly TokenStore _tokens;
    private readonly RateLimiter _rateLimiter;
    private readonly FaultInjector _faults;
    private readonly RequestLog _log;
    private readonly RuntimeConfig _config;

    public EmulatorMiddleware(RequestDelegate next, HostPorts ports, EmulatorClock clock, TokenStore tokens,
        RateLimiter rateLimiter, FaultInjector faults, RequestLog log, RuntimeConfig config)
    {
        _next = next;
        _ports = ports;
        _clock = clock;
        _tokens = tokens;
        _rateLimiter = rateLimiter;
        _faults = faults;
        _log = log;
        _config = config;
    }

    /// <summary>The headers every answer carries, set again after an error clears the response. A server's Date is its
    /// own clock, the one its instants (a channel's expires) are stated on; Kestrel's would be the machine's, not the
    /// emulated one.</summary>
    private void SetServerHeaders(HttpContext ctx, string correlationId)
    {
        ctx.Response.Headers["ININ-Correlation-Id"] = correlationId;
        ctx.Response.Headers.Date = _clock.Now.ToString("r", CultureInfo.InvariantCulture);
    }

    public async Task InvokeAsync(HttpContext ctx)
    {
        var host = _ports.HostOf(ctx.Connection.LocalPort);
        var correlationId = Guid.NewGuid().ToString("D");
        ctx.Items[ErrorBodies.CorrelationItem] = correlationId;
        SetServerHeaders(ctx, correlationId);

        var path = ctx.Request.Path.Value ?? "/";
        if (host == EmulatedHost.Api && path.StartsWith("/__emulator", StringComparison.OrdinalIgnoreCase))
        {
            await _next(ctx);
            return;
        }

        if (host == EmulatedHost.Api && path.StartsWith("/channels/", StringComparison.OrdinalIgnoreCase))
        {
            await _next(ctx); // a notification channel's WebSocket: no bearer (the channel id is the capability)
            return;
        }

        var hostName = HostPorts.Name(host);
        var started = _clock.Now;
        var stopwatch = Stopwatch.StartNew();
        string? fault = null;
        var aborted = false;
        try
        {
            var plan = _faults.Plan(hostName, ctx.Request.Method, path);
            fault = plan.Description;
            aborted = await Serve(ctx, host, path, plan);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            aborted = true;
        }
        catch (Exception ex) when (!ctx.Response.HasStarted)
        {
            Console.Error.WriteLine($"emulator: unhandled error for {ctx.Request.Method} {path}: {ex}");
            ctx.Response.Clear();
            SetServerHeaders(ctx, correlationId);
            await ErrorBodies.Write(ctx, ErrorBodies.ForStatus(ctx, 500));
        }
        finally
        {
            var tokenId = (ctx.Items[TokenItem] as IssuedToken)?.TokenId;
            _log.Add(started, hostName, ctx.Request.Method, path, ctx.Request.QueryString.Value ?? string.Empty,
                aborted ? 0 : ctx.Response.StatusCode, stopwatch.Elapsed.TotalMilliseconds, correlationId, tokenId, fault,
                ctx.Items.TryGetValue(RequestLog.DetailItem, out var detail) ? detail : null);
        }
    }

    /// <summary>Applies the fault plan (delay, then a status, reset, truncation or changed body) or handles the request; true
    /// when the connection was reset.</summary>
    private async Task<bool> Serve(HttpContext ctx, EmulatedHost host, string path, FaultPlan plan)
    {
        if (plan.LatencyMs > 0) await Task.Delay(plan.LatencyMs, ctx.RequestAborted);
        switch (plan.Terminal?.Kind)
        {
            case "status":
                await FaultResponses.WriteStatus(ctx, plan.Terminal, _config.RateLimitPerMinute);
                return false;
            case "reset":
                ctx.Abort();
                return true;
            case "truncate":
                await FaultResponses.SendTruncated(ctx, () => Handle(ctx, host, path)); // logged with the status the client saw
                return false;
            case { } kind when FaultInjector.BodyKinds.Contains(kind):
                await FaultResponses.SendAltered(ctx, kind, () => Handle(ctx, host, path));
                return false;
        }

        await Handle(ctx, host, path);
        return false;
    }

    private async Task Handle(HttpContext ctx, EmulatedHost host, string path)
    {
        if (host == EmulatedHost.Login)
        {
            // The login host serves only the token endpoint and the browser's authorization step.
            var isToken = HttpMethods.IsPost(ctx.Request.Method) && string.Equals(path, "/oauth/token", StringComparison.OrdinalIgnoreCase);
            var isAuthorize = HttpMethods.IsGet(ctx.Request.Method) && string.Equals(path, "/oauth/authorize", StringComparison.Ordinal);
            if (!isToken && !isAuthorize)
            {
                ctx.Response.StatusCode = 404;
                return;
            }

            await _next(ctx);
            return;
        }

        if (!path.StartsWith("/api/v2/", StringComparison.OrdinalIgnoreCase))
        {
            await ErrorBodies.Write(ctx, ErrorBodies.ForStatus(ctx, 404));
            return;
        }

        if (!await Authenticate(ctx)) return;
        if (!await ApplyRateLimit(ctx)) return;
        if (!await CheckPermissions(ctx)) return;

        await _next(ctx);

        // Framework-made errors (e.g. wrong method) get the platform's ErrorBody like every other error.
        if (!FaultResponses.BodyWritten(ctx) && ctx.Response.StatusCode >= 400 && ctx.Response.ContentLength is null or 0)
        {
            var status = ctx.Response.StatusCode == 405 ? 404 : ctx.Response.StatusCode;
            await ErrorBodies.Write(ctx, ErrorBodies.ForStatus(ctx, status));
        }
    }

    private async Task<bool> Authenticate(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length <= scheme.Length)
        {
            await ErrorBodies.Write(ctx, ErrorBodies.Create(ctx, 401, "authentication.required",
                "No authentication bearer token specified in authorization header."));
            return false;
        }

        var token = header[scheme.Length..].Trim();
        switch (_tokens.Check(token, out var info))
        {
            case TokenCheck.Unknown:
                await ErrorBodies.Write(ctx, ErrorBodies.Create(ctx, 401, "bad.credentials", "Invalid login credentials."));
                return false;
            case TokenCheck.Expired:
                ctx.Items[TokenItem] = info;
                await ErrorBodies.Write(ctx, ErrorBodies.Create(ctx, 401, "credentials.expired",
                    "The supplied credentials are expired and cannot be used."));
                return false;
            default:
                ctx.Items[TokenItem] = info;
                return true;
        }
    }

    private async Task<bool> ApplyRateLimit(HttpContext ctx)
    {
        var token = (IssuedToken)ctx.Items[TokenItem]!;
        var decision = _rateLimiter.Hit(token.TokenId);
        var headers = ctx.Response.Headers;
        headers["inin-ratelimit-count"] = decision.Count.ToString(CultureInfo.InvariantCulture);
        headers["inin-ratelimit-allowed"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["inin-ratelimit-reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed) return true;

        headers["Retry-After"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        await ErrorBodies.Write(ctx, ErrorBodies.RateLimited(ctx, decision.ResetSeconds, decision.Limit));
        return false;
    }

    private async Task<bool> CheckPermissions(HttpContext ctx)
    {
        var required = ctx.GetEndpoint()?.Metadata.GetMetadata<RequiresAnyPermission>();
        if (required is null || required.Permissions.Any(p => !_config.IsDenied(p))) return true;

        await ErrorBodies.Write(ctx, ErrorBodies.Create(ctx, 403, "missing.any.permissions",
            "Unable to perform the requested action. You must have at least one of the following permissions assigned: "
            + string.Join(", ", required.Permissions)));
        return false;
    }
}
