using GenesysConvo.Emulator;
using GenesysConvo.Emulator.Infrastructure;

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

var host = new EmulatorHost(options);
HostPorts ports;
try
{
    ports = await host.StartAsync();
}
catch (IOException ex)
{
    // A fixed port (--api-port / --login-port) still taken, e.g. by an emulator that has not exited yet.
    Console.Error.WriteLine($"emulator: cannot listen: {ex.Message}");
    return 3;
}

// Callers wait for exactly these two lines; nothing else goes to stdout.
Console.Out.WriteLine($"EMULATOR_API_URL=http://127.0.0.1:{ports.ApiPort}");
Console.Out.WriteLine($"EMULATOR_LOGIN_URL=http://127.0.0.1:{ports.LoginPort}");
Console.Out.Flush();
if (!options.Quiet) Console.Error.WriteLine(host.Banner());
if (options.ParentPid is { } parentPid) _ = host.StopWhenGone(parentPid);

await host.App.WaitForShutdownAsync();
return 0;
