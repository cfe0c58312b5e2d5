using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
#if NET
using System.Runtime.Loader;
#endif

namespace GenesysConvo.Infrastructure;

/// <summary>Loads the engine (GenesysConvo.Core) and its third-party dependencies (Polly, Microsoft.Extensions.*)
/// from Dependencies/ so that other modules' versions of those libraries cannot clash with ours — the documented
/// "resolving dependency conflicts" pattern. PowerShell 7: a private AssemblyLoadContext. Windows PowerShell 5.1
/// has no load contexts: the same folder is resolved through AppDomain.AssemblyResolve (DesktopAssemblyResolver).</summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string EngineName = "GenesysConvo.Core";
    internal const string ModelsName = "GenesysConvo.Models";
    private static readonly string s_moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
    internal static readonly string DependencyDirectory = Path.Combine(s_moduleDirectory, "Dependencies");

#if NET
    private static readonly Lazy<DependencyLoadContext> s_context =
        new Lazy<DependencyLoadContext>(() => new DependencyLoadContext(DependencyDirectory));

    public void OnImport() => AssemblyLoadContext.Default.Resolving += OnResolving;

    public void OnRemove(PSModuleInfo module) => AssemblyLoadContext.Default.Resolving -= OnResolving;

    private static Assembly? OnResolving(AssemblyLoadContext defaultContext, AssemblyName name)
    {
        if (name.Name == EngineName) return s_context.Value.LoadFromAssemblyName(name);
        // The record types live beside the cmdlets and load in the default context, shared by engine and scripts.
        if (name.Name == ModelsName) return defaultContext.LoadFromAssemblyPath(Path.Combine(s_moduleDirectory, ModelsName + ".dll"));
        return null;
    }
#else
    private static readonly DesktopAssemblyResolver s_resolver = new DesktopAssemblyResolver(s_moduleDirectory);

    public void OnImport() => s_resolver.Install();

    public void OnRemove(PSModuleInfo module) => s_resolver.Uninstall();
#endif
}

#if NET
/// <summary>The engine's private context: everything in Dependencies/ loads here unless the host already carries
/// the same or a newer version (framework assemblies, pwsh's own), which it then shares.</summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public DependencyLoadContext(string directory) : base("GenesysConvo", isCollectible: false) => _directory = directory;

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == ModuleInitializer.ModelsName) return null;   // shared with the default context
        var path = Path.Combine(_directory, name.Name + ".dll");
        if (!File.Exists(path)) return null;
        if (name.Name != ModuleInitializer.EngineName && HostAssemblies.Satisfies(name)) return null;
        return LoadFromAssemblyPath(path);
    }
}

/// <summary>The host's trusted platform assemblies (the shared framework and pwsh's own DLLs).</summary>
internal static class HostAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> s_paths = new Lazy<Dictionary<string, string>>(() =>
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            foreach (var path in list.Split(Path.PathSeparator)) paths[Path.GetFileNameWithoutExtension(path)] = path;
        return paths;
    });

    public static bool Satisfies(AssemblyName wanted) =>
        wanted.Name != null && s_paths.Value.TryGetValue(wanted.Name, out var path)
        && AssemblyName.GetAssemblyName(path).Version >= (wanted.Version ?? new Version(0, 0));
}
#endif
