<#
.SYNOPSIS
    Watch-GenesysConversation's memory over a long emulated run (build.ps1 -Task Bench runs it after the main
    benchmark): every queue watched while the emulator's clock moves 12 hours in minutes; live managed memory after
    12 emulated hours / after 2 (events are not kept, so the ratio stays near 1). Exits 1 when the goal is missed.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $root 'src/GenesysConvo.Emulator/GenesysEmulator.psm1')
Import-Module (Resolve-Path $ModulePath).Path

function Measure-WatchMemory($Emulator, [DateTimeOffset] $Day) {
    $null = Invoke-EmulatorControl $Emulator 'clock' -Method PUT -Body @{ now = $Day.AddHours(6).UtcDateTime.ToString('o'); frozen = $true }
    $queues = @((Invoke-EmulatorControl $Emulator 'org').queues.id)
    $ps = [PowerShell]::Create()
    $null = $ps.AddScript({
        param($Module, $Queues)
        Import-Module $Module
        Watch-GenesysConversation -QueueId $Queues -Timeout 900 | Measure-Object | ForEach-Object Count
    }).AddArgument((Get-Module GenesysConvo).Path).AddArgument($queues)
    $handle = $ps.BeginInvoke()
    function Wait-For([scriptblock] $Condition) {
        $deadline = [DateTime]::UtcNow.AddSeconds(120)
        while (-not (& $Condition)) { if ([DateTime]::UtcNow -gt $deadline) { throw 'The watch benchmark timed out.' }; Start-Sleep -Milliseconds 200 }
    }
    function Invoke-Hours([int] $Hours) {
        foreach ($minute in 1..($Hours * 60)) {
            $null = Invoke-EmulatorControl $Emulator 'clock' -Method PUT -Body @{ advanceSeconds = 60 }
            Start-Sleep -Milliseconds 10
        }
        Start-Sleep -Seconds 2
        [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
        [GC]::GetTotalMemory($true)
    }
    try {
        Wait-For { @((Invoke-EmulatorControl $Emulator 'notifications').channels | Where-Object connected).Count -gt 0 }
        $after2 = Invoke-Hours 2
        $after12 = Invoke-Hours 10
        $events = @(Invoke-EmulatorControl $Emulator 'notifications/events' | Where-Object delivered).Count
    } finally {
        $ps.Stop(); $ps.Dispose()
        $null = Invoke-EmulatorControl $Emulator 'clock' -Method PUT -Body @{ frozen = $false }
    }
    $ratio = $after12 / $after2
    [pscustomobject]@{ Benchmark = 'Memory, Watch after 12 h / after 2 h (emulated)'; Ratio = [Math]::Round($ratio, 2); Goal = '< 1.5'
                       Met = $ratio -lt 1.5; Detail = ('{0} queues, {1} events, {2:n1} / {3:n1} MB' -f $queues.Count, $events, ($after2 / 1MB), ($after12 / 1MB)) }
}

$emulator = Start-GenesysEmulator
try {
    Connect-Emulator $emulator
    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1), [TimeSpan]::Zero)
    $result = Measure-WatchMemory $emulator $day
    $result | Format-List | Out-Host
    exit ([int](-not $result.Met))
}
finally {
    Stop-GenesysEmulator $emulator
}
