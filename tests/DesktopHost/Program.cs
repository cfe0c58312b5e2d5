using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Names;
using GenesysConvo.Core.Session;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.DesktopHost;

/// <summary>Usage: GenesysConvo.DesktopHost.exe [--without-resolver] &lt;module desktop folder&gt; &lt;from&gt; &lt;to&gt;, with the
/// emulator's endpoints and client credentials in the GENESYSCLOUD_* variables a runbook uses. Installs the module's 5.1
/// resolver (unless told not to: the control that shows the run depends on it), then streams every completed
/// conversation that started in [from, to) through the engine. Prints one line per record, each assembly the runtime
/// asked the resolver for, and which file each assembly the module ships was loaded from. Exit code 0 only when the
/// search completed.</summary>
public static class Program
{
    private const string Usage = "Usage: GenesysConvo.DesktopHost.exe [--without-resolver] <out/GenesysConvo/desktop> <from> <to>";

    public static int Main(string[] args)
    {
        var withResolver = !args.Contains("--without-resolver");
        args = args.Where(a => a != "--without-resolver").ToArray();
        if (args.Length != 3)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var moduleDirectory = Path.GetFullPath(args[0]);
        if (!File.Exists(Path.Combine(moduleDirectory, "GenesysConvo.dll")))
        {
            Console.Error.WriteLine($"No GenesysConvo.dll in {moduleDirectory}: build the module first (build.ps1 -Task Build).");
            return 2;
        }
        Console.WriteLine($"runtime {RuntimeDescription()}");

        // What Import-Module does on 5.1: the cmdlet assembly is loaded from its path, and its initializer installs
        // the resolver before any engine type is touched.
        var module = System.Reflection.Assembly.LoadFrom(Path.Combine(moduleDirectory, "GenesysConvo.dll"));
        Console.WriteLine($"module {module.GetName().Name} {module.GetName().Version}");
        // Handlers run in order until one answers: this one only records what the runtime could not find by itself.
        AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
        {
            Console.WriteLine($"asked\t{new System.Reflection.AssemblyName(e.Name).Name}\t{e.Name}");
            return null;
        };
        if (withResolver) new DesktopAssemblyResolver(moduleDirectory).Install();
        try
        {
            var from = DateTimeOffset.Parse(args[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var to = DateTimeOffset.Parse(args[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var written = SearchAsync(from, to).GetAwaiter().GetResult();
            Console.WriteLine($"written {written}");
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e.ToString());
            return 1;
        }
        finally
        {
            ReportLoadedAssemblies(moduleDirectory);
        }
        return 0;
    }

    /// <summary>Every engine type stays out of Main: the runtime asks for an assembly when it compiles the first method
    /// that names one of its types, and that must happen after the resolver is in place (as on 5.1, where the cmdlets
    /// reach the engine only after import).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<long> SearchAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var options = new ConnectionOptions();
        var environment = EnvironmentSettings.Read(Environment.GetEnvironmentVariable);
        environment.ApplyEndpointsTo(options);
        environment.ApplyCredentialsTo(options);
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        options.Validate();

        // What Windows PowerShell 5.1 offers on an older Windows: TLS 1.0 only. Genesys Cloud needs TLS 1.2.
        ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var api = await GenesysApi.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        Console.WriteLine($"connected {api.Connection.OrganizationName}");
        Console.WriteLine($"protocols {ServicePointManager.SecurityProtocol}");
        var names = new NameResolver(api);
        var request = new HistoryRequest { Window = new TimeWindow(from, to) };
        request.Query = await new HistoryCriteria().BuildAsync(names, timeout.Token).ConfigureAwait(false);
        return await HistorySearch.SearchAsync(api, names, request, WriteRecords, timeout.Token).ConfigureAwait(false);
    }

    private static void WriteRecords(IReadOnlyList<object> page)
    {
        foreach (var written in page) WriteRecord((ConversationRecord)written);
    }

    private static void WriteRecord(ConversationRecord record)
    {
        Console.WriteLine(string.Join("\t", "record", record.ConversationId, Instant(record.StartTime), Instant(record.EndTime),
            record.MediaType, record.Direction, record.QueueId, record.Queue));
    }

    private static string Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Where each assembly the module ships came from: the test checks that none came from the runtime's own
    /// copies (Mono's GAC) instead of the module's folders.</summary>
    private static void ReportLoadedAssemblies(string moduleDirectory)
    {
        var shipped = Directory.GetFiles(moduleDirectory, "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            var name = assembly.GetName();
            if (shipped.Contains(name.Name)) Console.WriteLine($"loaded\t{name.Name}\t{name.Version}\t{assembly.Location}");
        }
    }

    private static string RuntimeDescription()
    {
        var mono = Type.GetType("Mono.Runtime");
        var display = mono?.GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
        return display is null ? $".NET Framework {Environment.Version}" : $"Mono {display.Invoke(null, null)}";
    }
}
