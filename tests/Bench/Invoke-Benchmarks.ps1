<#
.SYNOPSIS
    The benchmark (build.ps1 -Task Bench [-Quick]): the module against a minimal C# loop (the floor), the official JS
    SDK and an Invoke-RestMethod loop, each run in its own fresh process, in interleaved rounds after a warm-up round,
    against one emulator instance. Writes out/bench/report.md and report.json: every figure as a ratio to a baseline of
    the same run, and each target of the performance issue marked met or not. Not part of build.ps1 -Task Test.
.PARAMETER Quick
    Fewer records and 3 rounds (a few minutes): proves the harness works; its figures are noisier.
.PARAMETER UpdateReadme
    Also write the report's summary into README.md's performance section (between its bench markers).
.PARAMETER FromReport
    Run nothing: write report.md (and README.md with -UpdateReadme) again from out/bench/report.json, with the current
    targets-not-met.json and record-cost.json (explanations edited after a run; every figure stays the run's).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [switch] $Quick,
    [switch] $UpdateReadme,
    [switch] $FromReport
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$ModulePath = (Resolve-Path $ModulePath).Path
$outDir = Join-Path $root 'out/bench'
New-Item -ItemType Directory -Path $outDir -Force | Out-Null
Import-Module (Join-Path $root 'src/GenesysConvo.Emulator/GenesysEmulator.psm1')
Import-Module (Join-Path $PSScriptRoot 'BenchReport.psm1')

# What each mode measures. Conversations arrive at 2,000 an hour, so hours × 2,000 is the record count.
$settings = if ($Quick) {
    # The busy day's window is 15 s, not the API's minute: a loop that waits out a 429 waits out the window, and a quick
    # run must not spend a minute on it.
    @{ Rounds = 3; ThroughputHours = 1; MemoryHours = 5, 10; BusyHours = 2; BusyRateLimit = 30; BusyWindowSeconds = 15 }
} else {
    @{ Rounds = 5; ThroughputHours = 12; MemoryHours = 5, 500; BusyHours = 24; BusyRateLimit = 300; BusyWindowSeconds = 60 }
}
$rateLimitOff = 1000000000
$started = Get-Date

function Write-BenchReport($Report) {
    <# report.md from the report, and README.md's performance section with -UpdateReadme. #>
    $markdown = ConvertTo-BenchMarkdown $Report
    $markdown | Set-Content (Join-Path $outDir 'report.md')
    Write-Host "`n$markdown`n"
    Write-Host "Report: $(Join-Path $outDir 'report.md') (and report.json)"
    if ($UpdateReadme) {
        $readme = Join-Path $root 'README.md'
        $text = Get-Content $readme -Raw
        $section = "<!-- bench:start (build.ps1 -Task Bench -UpdateReadme writes this) -->`n" + ($markdown -replace '(?m)^#', '###') + "`n<!-- bench:end -->"
        $text = [regex]::Replace($text, '(?s)<!-- bench:start.*?<!-- bench:end -->', { $section })
        Set-Content $readme $text -NoNewline
    }
}

function Get-Explanations {
    <# Why a target may not be met and what was tried; the measured steps of the client's cost per record. #>
    @{
        NotMet = (Get-Content (Join-Path $PSScriptRoot 'targets-not-met.json') -Raw | ConvertFrom-Json).Entries
        History = Get-Content (Join-Path $PSScriptRoot 'record-cost.json') -Raw | ConvertFrom-Json
    }
}

if ($FromReport) {
    $report = Get-Content (Join-Path $outDir 'report.json') -Raw | ConvertFrom-Json
    $explanations = Get-Explanations
    $report.NotMet = $explanations.NotMet
    $report.RecordCost.History = $explanations.History
    $report | ConvertTo-Json -Depth 8 | Set-Content (Join-Path $outDir 'report.json')
    Write-BenchReport $report
    return
}

function Get-MachineDescription {
    $os = (Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' }) -replace '^PRETTY_NAME="?|"$'
    $memory = (Get-Content /proc/meminfo | Where-Object { $_ -like 'MemTotal:*' }) -replace '\D'
    [ordered]@{
        Os = $os; Cores = [Environment]::ProcessorCount; MemoryGiB = [Math]::Round([long]$memory / 1MB, 1)
        Dotnet = [Environment]::Version.ToString(); PowerShell = $PSVersionTable.PSVersion.ToString()
        Node = (Get-Command node -ErrorAction Ignore) ? (& node --version) : 'absent'
        LoadAverage = ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ' '
        Commit = (& git -C $root rev-parse --short HEAD 2>$null) ?? 'unknown'
    }
}

function Install-Implementations {
    <# The floor (dotnet build) and the official JS SDK (npm, pinned in tests/Bench/Js/package.json) into out/bench. #>
    & dotnet build (Join-Path $PSScriptRoot 'Floor/BenchFloor.csproj') -c Release -o (Join-Path $outDir 'floor') --nologo -v q -clp:ErrorsOnly | Out-Host
    if ($LASTEXITCODE) { throw 'Building the C# floor failed.' }
    $js = Join-Path $outDir 'js'
    New-Item -ItemType Directory -Path $js -Force | Out-Null
    Copy-Item (Join-Path $PSScriptRoot 'Js/package.json') $js
    Push-Location $js
    try { & npm install --no-audit --no-fund --loglevel=error | Out-Host } finally { Pop-Location }
    if ($LASTEXITCODE) { throw 'npm install of the JS SDK failed.' }
}

$pwsh = @('dotnet', (Join-Path $PSHOME 'pwsh.dll'), '-NoLogo', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Invoke-BenchChild.ps1'))
$commands = @{
    'C# floor'                          = @{ Command = @('dotnet', (Join-Path $outDir 'floor/BenchFloor.dll')) }
    'JS SDK loop'                       = @{ Command = @('node', (Join-Path $PSScriptRoot 'Js/sdk-loop.js')) }
    'Search | Measure-Object'           = @{ Command = $pwsh + @('-Mode', 'Measure', '-ModulePath', $ModulePath) }
    'Search | Export-Csv'               = @{ Command = $pwsh + @('-Mode', 'ExportCsv', '-ModulePath', $ModulePath) }
    'Invoke-RestMethod loop'            = @{ Command = $pwsh + @('-Mode', 'RestLoop', '-ModulePath', $ModulePath) }
    'C# floor, first page'              = @{ Command = @('dotnet', (Join-Path $outDir 'floor/BenchFloor.dll')); Environment = @{ BENCH_MODE = 'first' } }
    'Search -First 1'                   = @{ Command = $pwsh + @('-Mode', 'First', '-ModulePath', $ModulePath) }
    'Search (ids)'                      = @{ Command = $pwsh + @('-Mode', 'Ids', '-ModulePath', $ModulePath) }
    'JS SDK loop, waits out 429s'       = @{ Command = @('node', (Join-Path $PSScriptRoot 'Js/sdk-loop.js')); Environment = @{ BENCH_WAIT_429 = '1' } }
}

function Invoke-Implementation([string] $Name, [int] $Round, [hashtable] $Environment) {
    <# One run in a fresh process; its BENCH_RESULT line with the round and the process's wall time. #>
    $spec = $commands[$Name]
    $variables = @{} + $Environment + ($spec.Environment ?? @{})
    $saved = @{}
    foreach ($key in $variables.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $variables[$key]) }
    try {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $command = $spec.Command
        $output = & timeout 3600 $command[0] $command[1..($command.Count - 1)] 2>&1
        $wall = $watch.Elapsed.TotalSeconds
        $line = @($output | Where-Object { "$_" -like 'BENCH_RESULT=*' }) | Select-Object -Last 1
        if ($LASTEXITCODE -or -not $line) {
            throw "$Name (round $Round) failed with exit code $($LASTEXITCODE): $(($output | Select-Object -Last 15) -join "`n")"
        }
        $result = "$line".Substring('BENCH_RESULT='.Length) | ConvertFrom-Json
        $result | Add-Member -NotePropertyMembers @{ Implementation = $Name; Round = $Round; WallSeconds = $wall }
        Write-Host ('  round {0} {1,-32} {2,9:n0} records {3,7:n2} s {4,7:n2} CPU s {5,6:n0} MiB' -f $Round, $Name, $result.Records,
            $result.Seconds, $result.CpuSeconds, ($result.PeakRssBytes / 1MB))
        $result
    } finally {
        foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
    }
}

function Invoke-Rounds([string[]] $Names, [hashtable] $Environment, [int] $Rounds) {
    <# Round 0 is the warm-up (discarded); each round starts one place further along the list. #>
    $runs = [Collections.Generic.List[object]]::new()
    for ($round = 0; $round -le $Rounds; $round++) {
        for ($i = 0; $i -lt $Names.Count; $i++) {
            $run = Invoke-Implementation $Names[($i + $round) % $Names.Count] $round $Environment
            if ($round -gt 0) { $runs.Add($run) }
        }
    }
    $runs
}

function Invoke-RecordCost([hashtable] $Environment) {
    <# Measure-RecordCost.ps1 in a fresh process over the throughput window: bytes allocated and CPU per record. #>
    $arguments = @('-NoLogo', '-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-RecordCost.ps1'),
        '-ModulePath', $ModulePath, '-ApiUrl', $Environment.BENCH_API_URL, '-LoginUrl', $Environment.BENCH_LOGIN_URL,
        '-ClientId', $Environment.BENCH_CLIENT_ID, '-ClientSecret', $Environment.BENCH_CLIENT_SECRET,
        '-Interval', $Environment.BENCH_INTERVAL, '-Repeat', ($Quick ? 1 : 3))
    $output = & timeout 3600 dotnet (Join-Path $PSHOME 'pwsh.dll') @arguments 2>&1
    $line = @($output | Where-Object { "$_" -like 'RECORD_COST=*' }) | Select-Object -Last 1
    if ($LASTEXITCODE -or -not $line) { throw "Measure-RecordCost.ps1 failed: $(($output | Select-Object -Last 15) -join "`n")" }
    $cost = @("$line".Substring('RECORD_COST='.Length) | ConvertFrom-Json)[0]
    Write-Host ('  {0:n0} bytes, {1:n3} ms CPU per record' -f $cost.BytesPerRecord, $cost.CpuMsPerRecord)
    $cost
}

function Get-Interval([DateTimeOffset] $Start, [double] $Hours) {
    '{0:yyyy-MM-ddTHH:mm:ssZ}/{1:yyyy-MM-ddTHH:mm:ssZ}' -f $Start.UtcDateTime, $Start.AddHours($Hours).UtcDateTime
}

Write-Host "Benchmark, $(if ($Quick) { 'quick' } else { 'full' }) mode: building the floor, installing the JS SDK"
Install-Implementations
$machine = Get-MachineDescription
$emulator = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '2000'
try {
    $base = @{
        BENCH_API_URL = $emulator.ApiUrl; BENCH_LOGIN_URL = $emulator.LoginUrl; BENCH_CLIENT_ID = $emulator.ClientId
        BENCH_CLIENT_SECRET = $emulator.ClientSecret; BENCH_JS_MODULES = (Join-Path $outDir 'js/node_modules')
    }
    $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ rateLimitPerMinute = $rateLimitOff }
    $today = [DateTimeOffset]::new([DateTime]::UtcNow.Date, [TimeSpan]::Zero)
    # Yesterday: every conversation has ended, and the window is after the datalake's seam (the details query reads it).
    $throughputEnv = $base + @{ BENCH_INTERVAL = Get-Interval $today.AddDays(-1) $settings.ThroughputHours }
    # Three days ago and before: the datalake holds it.
    $held = $today.AddDays(-3)

    Write-Host "Throughput ($($throughputEnv.BENCH_INTERVAL)), rate limit off"
    $throughputNames = 'C# floor', 'JS SDK loop', 'Search | Measure-Object', 'Search | Export-Csv', 'Invoke-RestMethod loop'
    $throughput = Invoke-Rounds $throughputNames $throughputEnv $settings.Rounds

    Write-Host 'Client cost per record (allocations and CPU, one process after a warm-up)'
    $recordCostRun = Invoke-RecordCost $throughputEnv

    Write-Host 'Time to first record and Import-Module'
    $first = Invoke-Rounds @('C# floor, first page', 'Search -First 1') $throughputEnv $settings.Rounds

    Write-Host 'Memory'
    $memory = foreach ($hours in $settings.MemoryHours) {
        Invoke-Implementation 'Search | Measure-Object' 1 ($base + @{ BENCH_INTERVAL = Get-Interval $held.AddHours(-$hours) $hours })
    }

    Write-Host "Busy day, $($settings.BusyRateLimit) requests per $($settings.BusyWindowSeconds) s"
    $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{
        rateLimitPerMinute = $settings.BusyRateLimit; rateLimitWindowSeconds = $settings.BusyWindowSeconds
    }
    $busyEnv = $base + @{ BENCH_INTERVAL = Get-Interval $held $settings.BusyHours }
    $busy = foreach ($name in 'Search (ids)', 'JS SDK loop, waits out 429s') {
        $ids = Join-Path $outDir "busy-ids-$($name -replace '\W+', '-').txt"
        $before = (Invoke-EmulatorControl $emulator 'stats').rateLimited
        $run = Invoke-Implementation $name 1 ($busyEnv + @{ BENCH_IDS_PATH = $ids })
        $run | Add-Member -NotePropertyMembers @{
            RateLimited = (Invoke-EmulatorControl $emulator 'stats').rateLimited - $before
            Ids = @(Get-Content $ids | Where-Object { $_ })
        }
        $run
    }
} finally {
    Stop-GenesysEmulator $emulator
}

# --- The report ---------------------------------------------------------------------------------------------------
$floorRuns = @($throughput | Where-Object Implementation -eq 'C# floor')
$rows = foreach ($name in $throughputNames) {
    $runs = @($throughput | Where-Object Implementation -eq $name)
    $seconds = Get-Summary $runs 'Seconds'
    $records = (Get-Summary $runs 'Records').Median
    [pscustomobject]@{
        Implementation = $name; Records = $records; Seconds = $seconds; RecordsPerSecond = $records / $seconds.Median
        SpeedRatio = 1 / (Get-PairedRatio $runs $floorRuns { param($r) $r.Seconds / $r.Records })
        CpuSeconds = Get-Summary $runs 'CpuSeconds'
        CpuRatio = Get-PairedRatio $runs $floorRuns { param($r) $r.CpuSeconds / $r.Records }
        PeakRssMiB = Get-Summary @($runs | ForEach-Object { [pscustomobject]@{ V = $_.PeakRssBytes / 1MB } }) 'V'
        RssRatio = Get-PairedRatio $runs $floorRuns { param($r) $r.PeakRssBytes }
    }
}
$row = @{}; foreach ($r in $rows) { $row[$r.Implementation] = $r }

$floorFirst = @($first | Where-Object Implementation -eq 'C# floor, first page')
$moduleFirst = @($first | Where-Object Implementation -eq 'Search -First 1')
$overFloor = Get-Median ([double[]]@(foreach ($run in $moduleFirst) {
    $run.FirstRecordMs - ($floorFirst | Where-Object Round -eq $run.Round | Select-Object -First 1).FirstRecordMs
}))
$firstRecord = [pscustomobject]@{
    FloorMs = Get-Summary $floorFirst 'FirstRecordMs'; ModuleMs = Get-Summary $moduleFirst 'FirstRecordMs'
    ImportMs = Get-Summary $moduleFirst 'ImportMs'; FirstImportMs = Get-Summary $moduleFirst 'FirstImportMs'; OverFloorMs = $overFloor
}

$memoryRows = foreach ($run in $memory) {
    [pscustomobject]@{ Records = $run.Records; Seconds = $run.Seconds; PeakRssMiB = $run.PeakRssBytes / 1MB; Ratio = $run.PeakRssBytes / $memory[0].PeakRssBytes }
}

$moduleBusy, $loopBusy = $busy
$moduleSet = [Collections.Generic.HashSet[string]]::new([string[]]$moduleBusy.Ids)
$loopSet = [Collections.Generic.HashSet[string]]::new([string[]]$loopBusy.Ids)
$onlyModule = @($moduleBusy.Ids | Where-Object { -not $loopSet.Contains($_) }).Count
$onlyLoop = @($loopBusy.Ids | Where-Object { -not $moduleSet.Contains($_) }).Count
$busyDay = [pscustomobject]@{
    Conversations = $loopBusy.Records; RateLimitPerMinute = $settings.BusyRateLimit; RateLimitWindowSeconds = $settings.BusyWindowSeconds
    Rows = @(foreach ($run in $busy) {
        [pscustomobject]@{ Implementation = $run.Implementation; Seconds = $run.Seconds; Records = $run.Records
            RateLimited = $run.RateLimited; Errors = [int]($run.Errors ?? 0); Ratio = $run.Seconds / $moduleBusy.Seconds }
    })
    ModuleIds = $moduleBusy.Ids.Count; LoopIds = $loopBusy.Ids.Count; OnlyModule = $onlyModule; OnlyLoop = $onlyLoop
    SameIds = ($onlyModule -eq 0 -and $onlyLoop -eq 0 -and $moduleBusy.Ids.Count -eq $loopBusy.Ids.Count -and $moduleBusy.Ids.Count -gt 0)
}

$recordCost = [ordered]@{
    Measured = "Search | Measure-Object of $('{0:n0}' -f $recordCostRun.Records) records in one process after a warm-up hour"
    ThisRun = $recordCostRun
    FloorCpuMsPerRecord = 1000 * (Get-Median ([double[]]@($floorRuns | ForEach-Object { $_.CpuSeconds / $_.Records })))
    History = (Get-Explanations).History
}

$measure = $row['Search | Measure-Object']
$memoryRatio = $memoryRows[-1].Ratio
$busyRatio = $loopBusy.Seconds / $moduleBusy.Seconds
$targets = @(
    New-Target 'Search | Measure-Object records/s' '≥ 0.8 × C# floor' $measure.SpeedRatio ($measure.SpeedRatio -ge 0.8)
    New-Target 'Search | Measure-Object records/s' '≥ 1 × JS SDK loop' ($measure.SpeedRatio / $row['JS SDK loop'].SpeedRatio) `
        ($measure.SpeedRatio -ge $row['JS SDK loop'].SpeedRatio)
    New-Target 'Search | Measure-Object client CPU per record' '≤ 2 × C# floor' $measure.CpuRatio ($measure.CpuRatio -le 2)
    New-Target 'Search | Export-Csv records/s' '≥ 0.7 × C# floor' $row['Search | Export-Csv'].SpeedRatio ($row['Search | Export-Csv'].SpeedRatio -ge 0.7)
    New-Target "Peak RSS at $('{0:n0}' -f $memoryRows[-1].Records) records" "≤ 1.3 × at $('{0:n0}' -f $memoryRows[0].Records)" $memoryRatio ($memoryRatio -le 1.3) `
        $(if ($Quick) { 'quick mode: not the 1,000,000 of the target' })
    New-Target 'Busy day: sequential loop time / module time' '≥ 3, zero errors, same ids' $busyRatio `
        ($busyRatio -ge 3 -and $busyDay.SameIds -and $moduleBusy.RateLimited -eq 0 -and -not $loopBusy.Errors) "module 429s: $($moduleBusy.RateLimited)"
    New-Target 'Time to first record over the cold floor (ms)' '≤ 150 ms' $overFloor ($overFloor -le 150)
    New-Target 'Import-Module in process (ms)' '≤ 100 ms' $firstRecord.ImportMs.Median ($firstRecord.ImportMs.Median -le 100)
)
$report = [ordered]@{
    Mode = if ($Quick) { 'quick' } else { 'full' }; Started = $started.ToUniversalTime().ToString('yyyy-MM-dd HH:mm UTC')
    Machine = $machine; Rounds = $settings.Rounds
    Throughput = [ordered]@{ Interval = $throughputEnv.BENCH_INTERVAL; Records = $measure.Records; Rows = @($rows) }
    RecordCost = $recordCost
    FirstRecord = $firstRecord; Memory = [ordered]@{ Rows = @($memoryRows) }; BusyDay = $busyDay; Targets = $targets
    NotMet = (Get-Explanations).NotMet
    Notes = @(
        'Seconds and client CPU cover the work (token + every page) inside each process; peak RSS is the whole process (VmHWM).'
        'The floor parses each page into typed records of the fields a report reads (ids, times, participants, sessions, segments).'
    )
    Runs = @($throughput) + @($first) + @($memory) + @($busy | Select-Object * -ExcludeProperty Ids)
}
$report | ConvertTo-Json -Depth 8 | Set-Content (Join-Path $outDir 'report.json')
Write-BenchReport ([pscustomobject]$report)
$missed = @($targets | Where-Object { -not $_.Met })
Write-Host "Targets: $($targets.Count - $missed.Count) met, $($missed.Count) not met"
