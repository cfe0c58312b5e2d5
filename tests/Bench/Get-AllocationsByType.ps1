<#
.SYNOPSIS
    Which types a traced run allocated, from a dotnet-trace gc-verbose trace (its AllocationTick events, one per ~100 KB
    allocated): the share of each type, largest first. Reads the trace with the TraceEvent library that ships inside
    the dotnet-trace tool pinned in dotnet-tools.json (dotnet tool restore). -ByKind sums them by what they are for (the
    benchmark report's "Where the time goes").
.EXAMPLE
    dotnet dotnet-trace collect --profile gc-verbose -o run.nettrace -- dotnet <pwsh.dll> -File Measure-RecordCost.ps1 ...
    ./Get-AllocationsByType.ps1 run.nettrace
#>
param([Parameter(Mandatory)] [string] $Trace, [int] $Top = 25, [switch] $ByKind)
$ErrorActionPreference = 'Stop'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$version = (Get-Content (Join-Path $root 'dotnet-tools.json') -Raw | ConvertFrom-Json).tools.'dotnet-trace'.version
$nuget = $env:NUGET_PACKAGES ?? (Join-Path $HOME '.nuget/packages')
$tool = Get-ChildItem (Join-Path $nuget "dotnet-trace/$version/tools") -Recurse -Filter 'Microsoft.Diagnostics.Tracing.TraceEvent.dll' |
    Select-Object -First 1
$references = @((Join-Path $tool.DirectoryName 'Microsoft.Diagnostics.FastSerialization.dll'), $tool.FullName)
foreach ($reference in $references) { Add-Type -Path $reference }
$netstandard = Join-Path ([IO.Path]::GetDirectoryName([object].Assembly.Location)) 'netstandard.dll'
Add-Type -ReferencedAssemblies ($references + $netstandard + 'System.Collections') -TypeDefinition @'
using System.Collections.Generic;
using Microsoft.Diagnostics.Tracing;
public static class AllocationTicks {
    public static Dictionary<string, long> ByType(string path) {
        var byType = new Dictionary<string, long>();
        var source = new EventPipeEventSource(path);
        source.Clr.GCAllocationTick += e => {
            var name = e.TypeName ?? "?";
            byType.TryGetValue(name, out var bytes);
            byType[name] = bytes + e.AllocationAmount64;
        };
        source.Process();
        source.Dispose();
        return byType;
    }
}
'@
$byType = [AllocationTicks]::ByType((Resolve-Path $Trace).Path)
$total = [double]($byType.Values | Measure-Object -Sum).Sum
function Get-Kind([string] $Type) {
    switch -Regex ($Type) {
        '^System\.Byte\[\]$' { 'bytes (response bodies)'; break }
        '^System\.String$' { 'strings (JSON text, ids, names, messages)'; break }
        'Iterator|Enumerator|^System\.Func|^System\.Action|ValueTuple|DisplayClass|Grouping|Lookup' { 'query chains, closures, tuples'; break }
        'GenesysConvo\.Analytics\.' { 'typed conversations read from JSON'; break }
        '^GenesysConvo\.' { 'records'; break }
        default { 'other' }
    }
}
"sampled: {0:n0} bytes" -f $total
$rows = if ($ByKind) {
    $byType.GetEnumerator() | Group-Object { Get-Kind $_.Key } |
        ForEach-Object { [pscustomobject]@{ Key = $_.Name; Value = ($_.Group.Value | Measure-Object -Sum).Sum } }
} else { $byType.GetEnumerator() }
$rows | Sort-Object Value -Descending | Select-Object -First $Top | ForEach-Object { '{0,6:p1}  {1}' -f ($_.Value / $total), $_.Key }
