# Export-GenesysConversationHistory against the emulator, compared with its ground truth: a file that appears only when
# complete, a checkpoint that continues a failed run to the same file, incremental runs over emulated hours, and a
# runbook whose exit code says whether the export worked.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '30'
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    $folder = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-export-$([Guid]::NewGuid())"
    New-Item -ItemType Directory -Path $folder | Out-Null

    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    function Get-Completed([DateTimeOffset] $From, [DateTimeOffset] $To) {
        $truth = Invoke-EmulatorControl $emulator "conversations?from=$(Format-Utc $From)&to=$(Format-Utc $To)&fields=brief&limit=1000000"
        @($truth.conversations | Where-Object conversationEnd | ForEach-Object conversationId)
    }

    function Assert-SameSet($Actual, $Expected) {
        $actualIds = @($Actual)
        @($actualIds | Sort-Object -Unique).Count | Should -Be $actualIds.Count -Because 'no conversation may be written twice'
        $difference = Compare-Object @($Expected | Sort-Object -Unique) @($actualIds | Sort-Object -Unique)
        $difference | Should -BeNullOrEmpty -Because "expected $(@($Expected).Count) ids, got $($actualIds.Count)"
    }

    function New-FilePath([string] $Name) { Join-Path $folder "$([Guid]::NewGuid())-$Name" }

    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-2), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}

Describe 'A complete export' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'writes every completed conversation of the window once, with values that read the same in every culture' {
        $path = New-FilePath 'day.csv'
        $summary = Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) -Path $path -Session $session
        $rows = Import-Csv $path
        Assert-SameSet $rows.ConversationId (Get-Completed $day $day.AddDays(1))
        $summary.Rows | Should -Be $rows.Count
        $summary.Path | Should -Be $path
        $rows[0].StartTime | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$'
        $rows[0].PSObject.Properties.Name | Should -Contain 'DurationSeconds'
        "$path.partial" | Should -Not -Exist
    }

    It 'writes JSON Lines for a .jsonl path, one row per segment with -Expand Segment' {
        $path = New-FilePath 'segments.jsonl'
        $from = $day.AddHours(10); $to = $from.AddHours(1)
        $null = Export-GenesysConversationHistory -StartTime $from -EndTime $to -Expand Segment -Path $path -Session $session
        $rows = Get-Content $path | ConvertFrom-Json
        Assert-SameSet @($rows.ConversationId | Sort-Object -Unique) (Get-Completed $from $to)
        @($rows | Where-Object SegmentType).Count | Should -Be $rows.Count
    }

    It 'refuses a path that is neither .csv nor .jsonl before any request' {
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        { Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddHours(1) -Path (New-FilePath 'x.xlsx') -Session $session } |
            Should -Throw -ErrorId 'GenesysConvo.InvalidExport*'
        Get-EmulatorRequest $emulator -Api | Should -BeNullOrEmpty
    }
}

Describe 'A failed export' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'leaves no file behind without a checkpoint, and stops the script' {
        $path = New-FilePath 'failed.csv'
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{
            pathPrefix = '/api/v2/analytics/conversations/details/query'; kind = 'status'; status = 403; skip = 1 }
        $reached = $false
        { Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) -Path $path -Session $session; $reached = $true } |
            Should -Throw -ErrorId 'GenesysConvo.PermissionDenied*'
        $reached | Should -BeFalse -Because 'a failed export stops the script, not only its statement'
        $path | Should -Not -Exist
        "$path.partial" | Should -Not -Exist
    }

    It 'is continued from its checkpoint to the file one uninterrupted run writes' {
        $reference = New-FilePath 'reference.csv'
        $null = Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) -Path $reference -Session $session
        $path = New-FilePath 'resumed.csv'; $checkpoint = New-FilePath 'resumed.checkpoint'
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{
            pathPrefix = '/api/v2/analytics/conversations/details/query'; kind = 'status'; status = 403; skip = 3 }
        $failure = { Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) -Path $path -CheckpointPath $checkpoint -Session $session } |
            Should -Throw -PassThru
        $failure.ErrorDetails.Message | Should -Match ([regex]::Escape("continue from the checkpoint '$checkpoint'"))
        $path | Should -Not -Exist
        $checkpoint | Should -Exist

        $summary = Export-GenesysConversationHistory -StartTime $day -EndTime $day.AddDays(1) -Path $path -CheckpointPath $checkpoint -Session $session
        (Get-FileHash $path).Hash | Should -Be (Get-FileHash $reference).Hash
        $summary.Resumes | Should -Be 1
        $checkpoint | Should -Not -Exist
    }
}

Describe 'A long export under the real rate limit' {
    BeforeAll {
        $busy = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '2000', '--rate-limit', '300'
        # The datalake holds none of the window, so Auto reads all of it through the details query, page by page. The
        # real rate (300 a minute) in windows of 15 s (75 requests): the client learns the window from
        # inin-ratelimit-reset, and the test sees several windows in seconds rather than minutes.
        $null = Invoke-EmulatorControl $busy 'config' -Method PUT -Body @{
            dataAvailabilityLagMinutes = 10080; rateLimitPerMinute = 75; rateLimitWindowSeconds = 15 }
    }
    AfterAll { Stop-GenesysEmulator $busy }

    It 'is paced by the inin-ratelimit-* headers: more requests than a window allows, not one 429, every conversation once' {
        $busySession = Connect-Emulator $busy -With @{ PassThru = $true }
        $from = $day.AddHours(8); $to = $from.AddMinutes(3)
        $path = New-FilePath 'paced.csv'
        # About 100 conversations in pages of 2, some 250 requests: more than three windows of the 75 one token may
        # send, each page small enough that even a busy machine asks faster than the limit allows.
        $null = Export-GenesysConversationHistory -StartTime $from -EndTime $to -PageSize 2 -Path $path -Session $busySession
        $log = @(Get-EmulatorRequest $busy -Api)
        $log.Count | Should -BeGreaterThan 150 -Because 'the export must span more than two windows'
        @($log | Where-Object status -eq 429).Count | Should -Be 0 -Because 'the pacer spreads the last requests of each window'
        $truth = (Invoke-EmulatorControl $busy "conversations?from=$(Format-Utc $from)&to=$(Format-Utc $to)&fields=brief&limit=1000000").conversations
        Assert-SameSet (Import-Csv $path).ConversationId @($truth | Where-Object conversationEnd | ForEach-Object conversationId)
        # The emulator's window starts with the token's first request: without the pacer the 76th would have met a 429.
        $firstWindow = @($log | Where-Object { ([DateTimeOffset]$_.time - [DateTimeOffset]$log[0].time).TotalSeconds -lt 15 }).Count
        if ($firstWindow -le 67) { Set-ItResult -Inconclusive -Because "the machine sent only $firstWindow requests in the first window" }
    }
}

Describe 'Incremental exports, one every emulated hour for two emulated days' {
    It 'write every conversation once, when it has ended' {
        Reset-Emulator $emulator
        $start = [DateTimeOffset]'2026-03-09T00:00:00Z'
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = (Format-Utc $start); frozen = $true }
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $checkpoint = New-FilePath 'hourly.checkpoint'
        $written = [Collections.Generic.List[string]]::new()
        foreach ($hour in 1..48) {
            $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = 3600 }
            $now = $start.AddHours($hour)
            $path = New-FilePath "hour-$hour.csv"
            # The emulated now is in the past: -EndTime keeps each run's window at it (the ten settling minutes count from
            # the real now, long after).
            $summary = Export-GenesysConversationHistory -Incremental -StartTime $start -EndTime $now -CheckpointPath $checkpoint -Path $path -Session $session
            foreach ($row in Import-Csv $path) { $written.Add($row.ConversationId) }
        }
        $through = $start.AddHours(48)
        $truth = (Invoke-EmulatorControl $emulator "conversations?from=$(Format-Utc $start)&to=$(Format-Utc $through)&fields=brief&limit=1000000").conversations
        Assert-SameSet $written @($truth | Where-Object conversationEnd | ForEach-Object conversationId)
        $summary.Pending | Should -Be @($truth | Where-Object { -not $_.conversationEnd }).Count
    }
}

Describe 'A runbook' {
    BeforeAll {
        # The README's runbook pattern itself, run as a scheduler runs it: a fresh pwsh -NonInteractive -File, the module
        # found by name, the connection from the environment.
        $runbook = Join-Path $PSScriptRoot '../../docs/examples/nightly-export.ps1'
        $moduleFolder = (Resolve-Path $env:GENESYSCONVO_MODULE_PATH).Path
        if (-not (Test-Path $moduleFolder -PathType Container)) { $moduleFolder = Split-Path $moduleFolder }
        function Invoke-Runbook([string] $Folder) {
            $variables = @{
                PSModulePath = (Split-Path $moduleFolder) + [IO.Path]::PathSeparator + $env:PSModulePath
                GENESYSCLOUD_API_BASE_URI = $emulator.ApiUrl; GENESYSCLOUD_LOGIN_BASE_URI = $emulator.LoginUrl
                GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId; GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
            }
            $saved = @{}
            foreach ($name in $variables.Keys) {
                $saved[$name] = [Environment]::GetEnvironmentVariable($name)
                [Environment]::SetEnvironmentVariable($name, $variables[$name])
            }
            try {
                $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $runbook -Folder $Folder `
                    -FirstRunStart (Format-Utc $day) 2>&1 | Out-String
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output; Files = @(Get-ChildItem $Folder -Filter 'conversations-*.csv') }
            } finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
        }
    }
    BeforeEach {
        Reset-Emulator $emulator
        $runFolder = New-FilePath 'runbook'
        New-Item -ItemType Directory -Path $runFolder | Out-Null
    }

    It 'exits 0 with the file and a checkpoint for the next run when the export worked' {
        $result = Invoke-Runbook $runFolder
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $result.Files.Count | Should -Be 1
        $result.Output | Should -Match 'conversations written to'
        Join-Path $runFolder 'history.checkpoint' | Should -Exist
        $ids = @((Import-Csv $result.Files[0].FullName).ConversationId)
        $ids.Count | Should -BeGreaterThan 0
        @($ids | Sort-Object -Unique).Count | Should -Be $ids.Count
    }

    It 'exits non-zero without the file when the export failed, with no $ErrorActionPreference set; the next run completes it' {
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{
            pathPrefix = '/api/v2/analytics/conversations/details/query'; kind = 'status'; status = 403; count = -1 }
        $failed = Invoke-Runbook $runFolder
        $failed.ExitCode | Should -Not -Be 0
        $failed.Files.Count | Should -Be 0
        $failed.Output | Should -Not -Match 'conversations written to'

        $null = Invoke-EmulatorControl $emulator 'faults' -Method DELETE
        $next = Invoke-Runbook $runFolder
        $next.ExitCode | Should -Be 0 -Because $next.Output
        $next.Files.Count | Should -Be 1
        @(Get-ChildItem $runFolder -Filter '*.partial').Count | Should -Be 0
    }
}
