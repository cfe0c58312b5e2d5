using System.Diagnostics;
using System.Net;
using GenesysConvo.Emulator;
using GenesysConvo.Emulator.Analytics;
using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Control;
using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Endpoints;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Org;
using Microsoft.AspNetCore.Server.Kestrel.Core;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"emulator: {ex.Message}");
    return 2;
}

// Args are not handed to the host: our options are not ASP.NET configuration keys.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

// stdout carries only the two EMULATOR_*_URL lines; logs (Warning and up) go to stderr.
builder.Logging.ClearProviders();
if (!options.Quiet) builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

ListenOptions? apiListen = null, loginListen = null;
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(IPAddress.Loopback, 0, lo => apiListen = lo);
    k.Listen(IPAddress.Loopback, 0, lo => loginListen = lo);
    k.Limits.MaxRequestBodySize = 512_000 * 4;
});

var org = new SyntheticOrg(options.Seed);
var clock = new EmulatorClock();
var config = new RuntimeConfig(options);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(org);
var generator = new ConversationGenerator(org, options.ConversationsPerHour);
builder.Services.AddSingleton(generator);
var matcher = new ConversationMatcher(generator);
builder.Services.AddSingleton(matcher);
builder.Services.AddSingleton(new DetailsJobStore(matcher));
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton(config);
builder.Services.AddSingleton(new TokenStore(clock));
builder.Services.AddSingleton(new RateLimiter(clock, config));
builder.Services.AddSingleton<FaultInjector>();
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<HostPorts>();
builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));

var app = builder.Build();
app.UseRouting();
app.UseMiddleware<EmulatorMiddleware>();

Login.Map(app);
Tokens.Map(app);
Organizations.Map(app);
Users.Map(app);
UsersSearch.Map(app);
Queues.Map(app);
WrapupCodes.Map(app);
Divisions.Map(app);
DetailsQueryEndpoint.Map(app);
DetailsJobsEndpoint.Map(app);
AggregatesEndpoint.Map(app);
GenesysConvo.Emulator.Realtime.RealtimeEndpoints.Map(app);
ControlApi.Map(app);
app.MapFallback("/api/v2/{**rest}", (HttpContext ctx) => ErrorBodies.NotFound(ctx));

await app.StartAsync();

// Kestrel writes the bound ephemeral endpoint back into the ListenOptions.
var ports = app.Services.GetRequiredService<HostPorts>();
ports.ApiPort = apiListen!.IPEndPoint!.Port;
ports.LoginPort = loginListen!.IPEndPoint!.Port;
Console.Out.WriteLine($"EMULATOR_API_URL=http://127.0.0.1:{ports.ApiPort}");
Console.Out.WriteLine($"EMULATOR_LOGIN_URL=http://127.0.0.1:{ports.LoginPort}");
Console.Out.Flush();
if (!options.Quiet)
{
    Console.Error.WriteLine($"emulator: seed {options.Seed}, {org.Users.Count} users, {org.Queues.Count} queues, " +
                            $"{org.WrapupCodes.Count} wrap-up codes, {org.Divisions.Count} divisions, {options.ConversationsPerHour} conversations/hour");
}

var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
if (options.ParentPid is { } parentPid) _ = WatchParent(parentPid, lifetime);

await app.WaitForShutdownAsync();
return 0;

// Exit by ourselves once the process that started us is gone, so a crashed test run leaves no server behind.
static async Task WatchParent(int pid, IHostApplicationLifetime lifetime)
{
    while (!lifetime.ApplicationStopping.IsCancellationRequested)
    {
        if (!IsAlive(pid))
        {
            lifetime.StopApplication();
            return;
        }

        try
        {
            await Task.Delay(250, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
    }
}

static bool IsAlive(int pid)
{
    try
    {
        using var p = Process.GetProcessById(pid);
        return !p.HasExited;
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        return false;
    }
}
