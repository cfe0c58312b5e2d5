using System.Diagnostics;
using System.Net;
using GenesysConvo.Emulator.Endpoints;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;
using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Live;
using GenesysConvo.Emulator.Model.Notifications;
using GenesysConvo.Emulator.Model.Org;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GenesysConvo.Emulator;

/// <summary>
/// The emulator's web server: one Kestrel server listening on two loopback ports (the api host and the login host;
/// ephemeral unless --api-port / --login-port fix them), the synthetic org and conversation model as singletons, the
/// gateway middleware and every endpoint.
/// </summary>
public sealed class EmulatorHost
{
    private readonly EmulatorOptions _options;
    private ListenOptions? _apiListen;
    private ListenOptions? _loginListen;

    public EmulatorHost(EmulatorOptions options)
    {
        _options = options;
        // Args are not handed to the host: our options are not ASP.NET configuration keys.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        ConfigureLogging(builder, options);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.ApiPort, lo => _apiListen = lo);
            k.Listen(IPAddress.Loopback, options.LoginPort, lo => _loginListen = lo);
            k.Limits.MaxRequestBodySize = 512_000 * 4;
        });
        AddServices(builder.Services, options);

        App = builder.Build();
        App.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        App.UseRouting();
        App.UseMiddleware<EmulatorMiddleware>();
        ApiEndpoints.Map(App);
    }

    public WebApplication App { get; }

    /// <summary>Starts listening and returns the ports Kestrel bound (it writes them back into the ListenOptions).</summary>
    public async Task<HostPorts> StartAsync()
    {
        await App.StartAsync();
        var ports = App.Services.GetRequiredService<HostPorts>();
        ports.ApiPort = _apiListen!.IPEndPoint!.Port;
        ports.LoginPort = _loginListen!.IPEndPoint!.Port;
        return ports;
    }

    /// <summary>The one stderr line that says what is being served (not with --quiet).</summary>
    public string Banner()
    {
        var org = App.Services.GetRequiredService<SyntheticOrg>();
        return $"emulator: seed {_options.Seed}, {org.Users.Count} users, {org.Queues.Count} queues, " +
               $"{org.WrapupCodes.Count} wrap-up codes, {org.Divisions.Count} divisions, " +
               $"{_options.ConversationsPerHour} conversations/hour" +
               (_options.LongOpenPerDay > 0 ? $", ~{_options.LongOpenPerDay} long-open conversations/day" : string.Empty);
    }

    /// <summary>Exit by ourselves once the process that started us is gone, so a crashed test run leaves no server behind.</summary>
    public async Task StopWhenGone(int parentPid)
    {
        var lifetime = App.Services.GetRequiredService<IHostApplicationLifetime>();
        while (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            if (!IsAlive(parentPid))
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

    /// <summary>stdout carries only the two EMULATOR_*_URL lines; logs (Warning and up) go to stderr.</summary>
    private static void ConfigureLogging(WebApplicationBuilder builder, EmulatorOptions options)
    {
        builder.Logging.ClearProviders();
        if (!options.Quiet) builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }

    private static void AddServices(IServiceCollection services, EmulatorOptions options)
    {
        var org = new SyntheticOrg(options.Seed);
        var clock = new EmulatorClock();
        var config = new RuntimeConfig(options);
        var generator = new ConversationGenerator(org, options.ConversationsPerHour, options.LongOpenPerDay);
        var matcher = new ConversationMatcher(generator);
        services.AddSingleton(options);
        services.AddSingleton(org);
        services.AddSingleton(generator);
        services.AddSingleton(matcher);
        services.AddSingleton(new DetailsJobStore(matcher));
        var live = new LiveConversations(generator, org.Seed);
        var tokens = new TokenStore(clock);
        services.AddSingleton(live);
        services.AddSingleton(clock);
        services.AddSingleton(new NotificationHub(new ConversationTimelines(live, org), clock, tokens));
        services.AddHostedService<NotificationPump>();
        services.AddSingleton(config);
        services.AddSingleton(tokens);
        services.AddSingleton<BrowserLogin>();
        services.AddSingleton(new RateLimiter(clock, config));
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<HostPorts>();
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
    }

    private static bool IsAlive(int pid)
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
}
