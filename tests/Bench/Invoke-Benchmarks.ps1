<#
.SYNOPSIS
    Benchmarks against the local emulator (build.ps1 -Task Bench). Every figure is a ratio against a baseline
    measured in the same run, so results compare across machines.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
Import-Module (Join-Path $root 'src/GenesysConvo.Emulator/GenesysEmulator.psm1')
Import-Module (Resolve-Path $ModulePath).Path

function Measure-Peak([scriptblock] $Run) {
    # Peak managed memory above the starting point while the pipeline runs, live objects after a full collection, sampled every 250 records.
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $start = [GC]::GetTotalMemory($true)
    $script:peak = 0; $script:count = 0
    $watch = [Diagnostics.Stopwatch]::StartNew()
    & $Run | ForEach-Object {
        $script:count++
        if ($script:count % 250 -eq 0) { $script:peak = [Math]::Max($script:peak, [GC]::GetTotalMemory($true) - $start) }
    }
    [pscustomobject]@{ Records = $script:count; PeakBytes = [Math]::Max($script:peak, 1); Seconds = $watch.Elapsed.TotalSeconds }
}

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
    $results = [Collections.Generic.List[object]]::new()

    # 1. Memory stays flat as the record count grows: streaming 4 days vs 1 day (ratio ~1), against the same records
    #    collected into an array first (the buffering pattern; ratio ~4).
    $null = Search-GenesysConversationHistory -StartTime $day -EndTime $day.AddHours(1)   # warm up: JIT, name cache
    $stream1 = Measure-Peak { Search-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) }
    $stream4 = Measure-Peak { Search-GenesysConversationHistory -StartTime $day.AddDays(-3) -EndTime $day.AddDays(1) }
    $buffer1 = Measure-Peak { $all = @(Search-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1)); $all }
    $buffer4 = Measure-Peak { $all = @(Search-GenesysConversationHistory -StartTime $day.AddDays(-3) -EndTime $day.AddDays(1)); $all }
    $results.Add([pscustomobject]@{ Benchmark = 'Peak memory, 4 days / 1 day, streamed'; Ratio = [Math]::Round($stream4.PeakBytes / $stream1.PeakBytes, 2); Goal = '< 1.5'; Met = ($stream4.PeakBytes / $stream1.PeakBytes) -lt 1.5; Detail = "$($stream1.Records) / $($stream4.Records) records" })
    $results.Add([pscustomobject]@{ Benchmark = 'Peak memory, 4 days / 1 day, buffered (baseline)'; Ratio = [Math]::Round($buffer4.PeakBytes / $buffer1.PeakBytes, 2); Goal = '(grows)'; Met = $true; Detail = '' })

    # 2. The first record arrives long before the last: time to first record / total time.
    $watch = [Diagnostics.Stopwatch]::StartNew(); $first = $null
    Search-GenesysConversationHistory -StartTime $day.AddDays(-3) -EndTime $day.AddDays(1) | ForEach-Object { if (-not $first) { $first = $watch.Elapsed.TotalSeconds } }
    $total = $watch.Elapsed.TotalSeconds
    $results.Add([pscustomobject]@{ Benchmark = 'Time to first record / total (4 days)'; Ratio = [Math]::Round($first / $total, 3); Goal = '< 0.1'; Met = ($first / $total) -lt 0.1; Detail = ('{0:n2} s of {1:n2} s' -f $first, $total) })

    # 3. Throughput against a hand-written Invoke-RestMethod paging loop over the same query (the tutorial way,
    #    without names, records or de-duplication): module time / loop time.
    $token = (Invoke-EmulatorControl $emulator 'tokens' | Select-Object -Last 1).accessToken
    $watch = [Diagnostics.Stopwatch]::StartNew(); $raw = 0
    for ($page = 1; ; $page++) {
        $body = @{ interval = "$($day.UtcDateTime.ToString('o'))/$($day.AddDays(1).UtcDateTime.ToString('o'))"; paging = @{ pageSize = 100; pageNumber = $page }
                   conversationFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'conversationEnd'; operator = 'exists' }) }) } | ConvertTo-Json -Depth 6
        $answer = Invoke-RestMethod -Method Post -Uri "$($emulator.ApiUrl)/api/v2/analytics/conversations/details/query" -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Bearer $token" }
        if (-not $answer.conversations) { break }
        $raw += @($answer.conversations).Count
    }
    $loop = $watch.Elapsed.TotalSeconds
    $watch.Restart()
    $module = @(Search-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1)).Count
    $moduleSeconds = $watch.Elapsed.TotalSeconds
    $results.Add([pscustomobject]@{ Benchmark = 'Time, module / Invoke-RestMethod loop (1 day)'; Ratio = [Math]::Round($moduleSeconds / $loop, 2); Goal = '< 1.5'; Met = ($moduleSeconds / $loop) -lt 1.5; Detail = ('{0} vs {1} records, {2:n2} s vs {3:n2} s' -f $module, $raw, $moduleSeconds, $loop) })

    # 4. Watch-GenesysConversation memory stays flat over a long emulated run: every queue watched while the emulator
    #    clock moves 12 hours in minutes; live managed memory after 12 h / after 2 h (events are not kept).
    $results.Add((Measure-WatchMemory $emulator $day))

    $results | Format-Table -AutoSize | Out-Host
    $missed = @($results | Where-Object { -not $_.Met })
    Write-Host "Benchmarks: $($results.Count - $missed.Count) goals met, $($missed.Count) missed"
    exit ([int]($missed.Count -gt 0))
}
finally {
    Stop-GenesysEmulator $emulator
}
