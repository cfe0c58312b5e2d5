using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace GenesysConvo.Core.Auth;

/// <summary>Opens an address in the user's browser as the official CLI does (docs/genesys-api.md §11):
/// GENESYSCLOUD_BROWSER when set (a program given the address as its only argument), else the system's handler
/// (Windows shell, macOS open, xdg-open on a Linux desktop).</summary>
public static class SystemBrowser
{
    public const string BrowserVariable = "GENESYSCLOUD_BROWSER";

    /// <summary>Whether a browser can be opened here at all (a Linux server without a desktop cannot).</summary>
    public static bool IsAvailable()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BrowserVariable))) return true;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return true;
        var desktop = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
                      || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
        return desktop && OnPath("xdg-open");
    }

    /// <summary>Starts the browser at <paramref name="address"/>; false when it could not be started.</summary>
    public static bool TryOpen(Uri address)
    {
        var url = address.AbsoluteUri;
        var custom = Environment.GetEnvironmentVariable(BrowserVariable);
        ProcessStartInfo start;
        if (!string.IsNullOrWhiteSpace(custom))
            start = new ProcessStartInfo(custom!.Trim(), Quote(url)) { UseShellExecute = false };
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) start = new ProcessStartInfo(url) { UseShellExecute = true };
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            start = new ProcessStartInfo("open", Quote(url)) { UseShellExecute = false };
        else if (IsAvailable()) start = new ProcessStartInfo("xdg-open", Quote(url)) { UseShellExecute = false };
        else return false;
        try
        {
            using var process = Process.Start(start);
            return process != null;
        }
        catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is FileNotFoundException)
        {
            return false;
        }
    }

    private static string Quote(string url) => "\"" + url.Replace("\"", "%22") + "\"";

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Where(d => d.Length > 0).Any(d => File.Exists(Path.Combine(d, program)));
}
