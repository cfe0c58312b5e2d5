<#
.SYNOPSIS
    The main job, end to end against the local Genesys Cloud emulator: connect with client credentials, show the
    session context, and make raw API calls over the shared session. (build.ps1 -Task Demo runs this.)
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
Import-Module (Join-Path $root 'src/GenesysConvo.Emulator/GenesysEmulator.psm1')
Import-Module (Resolve-Path $ModulePath).Path

function Show([string] $Title) { Write-Host "`n=== $Title" }

$emulator = Start-GenesysEmulator
try {
    Write-Host "Genesys Cloud emulator: API $($emulator.ApiUrl), login $($emulator.LoginUrl)"

    Show 'Connect-GenesysCloud (OAuth client credentials, as a runbook would)'
    $secret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force
    $session = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret `
        -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl -PassThru -Verbose 4>&1 |
        ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { Write-Host "VERBOSE: $($_.Message)" } else { $_ } }
    $session | Format-Table | Out-String -Width 200 | Out-Host

    Show 'Get-GenesysCloudContext'
    Get-GenesysCloudContext | Format-List | Out-Host

    Show 'Invoke-GenesysCloudRequest /api/v2/routing/queues (raw request over the same session)'
    $queues = Invoke-GenesysCloudRequest /api/v2/routing/queues -Query @{ pageSize = 5; sortOrder = 'asc' }
    Write-Host "$($queues.total) queues in the org; the first $($queues.entities.Count):"
    $queues.entities | Select-Object name, id | Format-Table | Out-String -Width 200 | Out-Host

    Show 'Invoke-GenesysCloudRequest /api/v2/users with repeated id keys (bulk lookup)'
    $ids = (Invoke-GenesysCloudRequest /api/v2/users -Query @{ pageSize = 3 }).entities.id
    Invoke-GenesysCloudRequest /api/v2/users -Query @{ id = $ids; state = 'any' } |
        Select-Object -ExpandProperty entities | Select-Object name, email, state | Format-Table | Out-String -Width 200 | Out-Host

    Show 'A throttled call: the module waits what Retry-After says, then succeeds'
    $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{ kind = 'status'; status = 429; retryAfter = '1'; pathPrefix = '/api/v2/organizations/me' }
    $org = Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose 4>&1 |
        ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { Write-Host "VERBOSE: $($_.Message)" } else { $_ } }
    Write-Host "Organization: $($org.name)"

    $today = [DateTime]::UtcNow.Date
    Show 'Search-GenesysConversationHistory: yesterday''s voice calls of the busiest queue, streamed page by page'
    $queue = (Get-GenesysConversationMetric -StartTime $today.AddDays(-1) -EndTime $today -TimeZone UTC -GroupBy queueId -Metric nOffered |
        Sort-Object Offered -Descending | Select-Object -First 1).Queue
    $csv = Join-Path ([IO.Path]::GetTempPath()) 'genesysconvo-demo-calls.csv'
    $calls = Search-GenesysConversationHistory -StartTime $today.AddDays(-1) -EndTime $today -QueueId $queue -MediaType voice
    $calls | Export-Csv -Path $csv -NoTypeInformation
    Write-Host "$(@($calls).Count) voice calls through '$queue' yesterday (UTC), exported to $csv; the first five:"
    $calls | Select-Object -First 5 | Format-Table | Out-String -Width 200 | Out-Host

    Show 'Search-GenesysConversationHistory -Expand Segment: one row per agent segment'
    Search-GenesysConversationHistory -StartTime $today.AddHours(-30) -EndTime $today.AddHours(-29) -Expand Segment -First 2 |
        Where-Object Purpose -eq 'agent' | Format-Table | Out-String -Width 200 | Out-Host

    Show 'Get-GenesysActiveConversation: what is live right now, and where each conversation is'
    $live = Get-GenesysActiveConversation
    Write-Host "$(@($live).Count) conversations are live:"
    $live | Group-Object Step | Select-Object Count, Name | Format-Table | Out-String -Width 200 | Out-Host
    $live | Select-Object -First 8 | Format-Table | Out-String -Width 200 | Out-Host
    Show 'Get-GenesysActiveConversation -ConversationId: one conversation in full'
    $live | Select-Object -First 1 | Get-GenesysActiveConversation | Select-Object -ExpandProperty Participants |
        Select-Object Purpose, UserName, QueueName, @{ n = 'States'; e = { ($_.Communications | ForEach-Object { "$($_.MediaType):$($_.State)" }) -join ', ' } } |
        Format-Table | Out-Host

    Show 'Get-GenesysConversationMetric: yesterday per queue (UTC day), computed by the aggregates API'
    Get-GenesysConversationMetric -StartTime $today.AddDays(-1) -EndTime $today -TimeZone UTC -GroupBy queueId |
        Sort-Object Offered -Descending | Select-Object -First 8 | Format-Table | Out-String -Width 200 | Out-Host

    Show 'Disconnect-GenesysCloud'
    Disconnect-GenesysCloud
    Write-Host 'Disconnected.'
}
finally {
    Stop-GenesysEmulator $emulator
}
