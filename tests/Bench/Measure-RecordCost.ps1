<#
.SYNOPSIS
    What one record costs the client, measured so that other load on the machine barely changes it: managed bytes
    allocated per record (all threads, GC.GetTotalAllocatedBytes) and process CPU per record, for
    Search-GenesysConversationHistory | Measure-Object (the module's whole path: HTTP, parsing, names, records, the
    hand-over to the pipeline), after a warm-up read, the median of -Repeat runs. Prints one "RECORD_COST={...}" JSON
    line. To see where the time goes inside, run it under the pinned profiler:
    dotnet dotnet-trace collect --profile dotnet-sampled-thread-time -- dotnet <pwsh.dll> -File Measure-RecordCost.ps1 ...
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ApiUrl,
    [Parameter(Mandatory)] [string] $LoginUrl,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $ClientSecret,
    [Parameter(Mandatory)] [string] $Interval,
    [int] $Repeat = 2
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Import-Module (Join-Path $PSScriptRoot '../../src/GenesysConvo.Emulator/GenesysEmulator.psm1')
$emulator = [pscustomobject]@{ ApiUrl = $ApiUrl; LoginUrl = $LoginUrl; ClientId = $ClientId; ClientSecret = $ClientSecret }
Connect-Emulator $emulator
$start, $end = $Interval -split '/'
$search = @{ StartTime = [DateTimeOffset]::Parse($start); EndTime = [DateTimeOffset]::Parse($end); Force = $true }
$process = [Diagnostics.Process]::GetCurrentProcess()

function Measure-Cost([string] $Stage, [scriptblock] $Work) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $process.Refresh()
    $cpu = $process.TotalProcessorTime
    $bytes = [GC]::GetTotalAllocatedBytes($true)
    $gen0 = [GC]::CollectionCount(0)
    $gen2 = [GC]::CollectionCount(2)
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $records = & $Work
    $seconds = $watch.Elapsed.TotalSeconds
    $process.Refresh()
    [pscustomobject]@{
        Stage = $Stage; Records = $records; Seconds = $seconds
        CpuMsPerRecord = ($process.TotalProcessorTime - $cpu).TotalMilliseconds / $records
        BytesPerRecord = ([GC]::GetTotalAllocatedBytes($true) - $bytes) / $records
        Gen0PerThousand = 1000 * ([GC]::CollectionCount(0) - $gen0) / $records
        Gen2PerThousand = 1000 * ([GC]::CollectionCount(2) - $gen2) / $records
    }
}

# A warm-up read of an hour: JIT and first-call costs are not per record.
$warm = $search.Clone(); $warm.EndTime = $warm.StartTime.AddHours(1)
$null = Search-GenesysConversationHistory @warm | Measure-Object

$results = foreach ($i in 1..$Repeat) {
    Measure-Cost 'Search | Measure-Object' { (Search-GenesysConversationHistory @search | Measure-Object).Count }
}
# The median run of each stage.
$summary = foreach ($group in $results | Group-Object Stage) {
    $group.Group | Sort-Object CpuMsPerRecord | Select-Object -Index ([int][math]::Floor(($group.Count - 1) / 2))
}
'RECORD_COST=' + (ConvertTo-Json @($summary) -Compress)
