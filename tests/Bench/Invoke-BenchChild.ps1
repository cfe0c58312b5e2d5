<#
.SYNOPSIS
    One measured run of the PowerShell implementations of the benchmark, in a fresh process (Invoke-Benchmarks.ps1
    starts it once per run). Settings come from the environment (BENCH_*, as for the C# floor and the JS SDK loop);
    the result is one "BENCH_RESULT={...}" line: records, seconds and client CPU of the work (token + every page),
    peak RSS of the process (VmHWM), Import-Module time, and time to first record where the mode measures it.
.PARAMETER Mode
    Measure    Search-GenesysConversationHistory | Measure-Object
    ExportCsv  Search-GenesysConversationHistory | Export-Csv
    RestLoop   an Invoke-RestMethod paging loop over the same details query as the floor (the tutorial way)
    First      Search-GenesysConversationHistory -First 1 (time to the first record in a fresh session)
    Ids        Search-GenesysConversationHistory, the conversation ids to BENCH_IDS_PATH (the busy day)
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Measure', 'ExportCsv', 'RestLoop', 'First', 'Ids')] [string] $Mode,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
$process = [Diagnostics.Process]::GetCurrentProcess()

function Get-PeakRss {
    $line = Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }
    [long]($line -split '\s+')[1] * 1024
}

$importMs = $firstImportMs = $null
if ($Mode -ne 'RestLoop') {
    # A fresh process's first Import-Module of any module JIT-compiles PowerShell's own module code; an interactive
    # session has done that for PSReadLine before the prompt. So a module PowerShell ships is imported first, and timed
    # as the baseline of that first import; then this module is timed the way a session that has imported anything does.
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Module Microsoft.PowerShell.Utility
    $firstImportMs = $watch.Elapsed.TotalMilliseconds
    $watch.Restart()
    Import-Module $ModulePath
    $importMs = $watch.Elapsed.TotalMilliseconds
    # Connect-GenesysCloud reads the client from the environment, as runbooks and CI jobs give it (the C# floor and the
    # JS loop read theirs from the environment too).
    $env:GENESYSCLOUD_OAUTHCLIENT_ID = $env:BENCH_CLIENT_ID
    $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $env:BENCH_CLIENT_SECRET
    $env:GENESYSCLOUD_API_BASE_URI = $env:BENCH_API_URL
    $env:GENESYSCLOUD_LOGIN_BASE_URI = $env:BENCH_LOGIN_URL
}
$start, $end = $env:BENCH_INTERVAL -split '/'
$search = @{ StartTime = [DateTimeOffset]::Parse($start); EndTime = [DateTimeOffset]::Parse($end); Force = $true }

$cpuAtStart = $process.TotalProcessorTime
$watch = [Diagnostics.Stopwatch]::StartNew()
$firstMs = $null
switch ($Mode) {
    'Measure' {
        $null = Connect-GenesysCloud
        $records = (Search-GenesysConversationHistory @search | Measure-Object).Count
    }
    'ExportCsv' {
        $null = Connect-GenesysCloud
        $csv = Join-Path ([IO.Path]::GetTempPath()) "bench-$PID.csv"
        Search-GenesysConversationHistory @search | Export-Csv $csv -NoTypeInformation
        $records = [Linq.Enumerable]::Count([IO.File]::ReadLines($csv)) - 1
        Remove-Item $csv
    }
    'First' {
        $null = Connect-GenesysCloud
        $records = @(Search-GenesysConversationHistory @search -First 1).Count
        $firstMs = $watch.Elapsed.TotalMilliseconds
    }
    'Ids' {
        $null = Connect-GenesysCloud
        Search-GenesysConversationHistory @search | ForEach-Object ConversationId | Set-Content $env:BENCH_IDS_PATH
        $records = [Linq.Enumerable]::Count([IO.File]::ReadLines($env:BENCH_IDS_PATH))
    }
    'RestLoop' {
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($env:BENCH_CLIENT_ID):$($env:BENCH_CLIENT_SECRET)"))
        $token = (Invoke-RestMethod -Method Post -Uri "$($env:BENCH_LOGIN_URL)/oauth/token" -Body @{ grant_type = 'client_credentials' } `
                -Headers @{ Authorization = "Basic $basic" }).access_token
        $records = 0
        for ($page = 1; ; $page++) {
            $body = @{
                interval = $env:BENCH_INTERVAL; paging = @{ pageSize = 100; pageNumber = $page }
                conversationFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'conversationEnd'; operator = 'exists' }) })
            } | ConvertTo-Json -Depth 6
            $answer = Invoke-RestMethod -Method Post -Uri "$($env:BENCH_API_URL)/api/v2/analytics/conversations/details/query" `
                -Body $body -ContentType 'application/json' -Headers @{ Authorization = "Bearer $token" }
            if (-not $answer.conversations) { break }
            if ($null -eq $firstMs) { $firstMs = $watch.Elapsed.TotalMilliseconds }
            $records += @($answer.conversations).Count
        }
    }
}
$seconds = $watch.Elapsed.TotalSeconds
$process.Refresh()
$result = [ordered]@{
    Records = $records; Seconds = $seconds; CpuSeconds = ($process.TotalProcessorTime - $cpuAtStart).TotalSeconds
    PeakRssBytes = Get-PeakRss; FirstRecordMs = $firstMs; ImportMs = $importMs
    FirstImportMs = $firstImportMs
}
'BENCH_RESULT=' + ($result | ConvertTo-Json -Compress)
