using System;
using System.IO;
using System.Reflection;

namespace GenesysConvo.Infrastructure;

/// <summary>How the module finds its assemblies on Windows PowerShell 5.1, which has no load contexts: an
/// AppDomain.AssemblyResolve handler that answers from the module's folder, then from Dependencies/. It answers
/// with whatever version is there, which is what stands in for the binding redirects powershell.exe.config does not
/// have (System.Memory, Unsafe and AsyncInterfaces are asked for at several versions). No PowerShell types on purpose:
/// tests/DesktopHost compiles this same file to prove it on the .NET Framework API surface (Mono) without PowerShell.</summary>
internal sealed class DesktopAssemblyResolver
{
    private readonly string[] _directories;

    public DesktopAssemblyResolver(string moduleDirectory) =>
        _directories = new[] { moduleDirectory, Path.Combine(moduleDirectory, "Dependencies") };

    public void Install() => AppDomain.CurrentDomain.AssemblyResolve += Resolve;

    public void Uninstall() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

    private Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        foreach (var directory in _directories)
        {
            var path = Path.Combine(directory, name + ".dll");
            if (File.Exists(path)) return Assembly.LoadFrom(path);
        }
        return null;
    }
}
