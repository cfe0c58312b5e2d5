namespace GenesysConvo.Emulator.Infrastructure;

public enum EmulatedHost { Api, Login }

/// <summary>Both emulated hosts share one Kestrel server; the local port tells them apart (like api.* vs login.*).</summary>
public sealed class HostPorts
{
    public int ApiPort { get; set; }
    public int LoginPort { get; set; }

    public EmulatedHost HostOf(int localPort) => localPort == LoginPort ? EmulatedHost.Login : EmulatedHost.Api;

    public static string Name(EmulatedHost host) => host == EmulatedHost.Login ? "login" : "api";
}
