# Get-GenesysConversation against the emulator's ground truth: a conversation live now, one that ended a minute ago
# (analytics lagging behind), one from last week; ids found nowhere; batching; input checks before any request.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $modulePath = $env:GENESYSCONVO_MODULE_PATH
    $emulator = Start-GenesysEmulator
    $analyticsPath = '/api/v2/analytics/conversations/details'

    # Freezes the emulator clock at an instant, so the module and the ground truth see the same moment.
    function Set-Instant([DateTimeOffset] $At) {
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = $At.UtcDateTime.ToString('o'); frozen = $true }
    }
    # Analytics answers as of this many seconds before the emulator's now.
    function Set-AnalyticsLag([double] $Seconds) {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ analyticsLagSeconds = $Seconds }
    }
    # Ground truth: the conversations that started in [From, To), as the emulator knows them now.
    function Get-Truth([DateTimeOffset] $From, [DateTimeOffset] $To, [switch] $Brief, [int] $Limit = 1000) {
        $query = "conversations?from=$($From.UtcDateTime.ToString('o'))&to=$($To.UtcDateTime.ToString('o'))&limit=$Limit"
        if ($Brief) { $query += '&fields=brief' }
        @((Invoke-EmulatorControl $emulator $query).conversations)
    }
    function Get-AgentIds($Truth) { @($Truth.participants | Where-Object purpose -eq 'agent' | ForEach-Object userId | Select-Object -Unique) }
    function Get-LookupRequests {
        $log = @(Get-EmulatorRequest $emulator -Api)
        [pscustomobject]@{
            All       = $log
            Analytics = @($log | Where-Object { $_.path -eq $analyticsPath -or $_.path -like '/api/v2/analytics/conversations/*/details' })
            Live      = @($log | Where-Object path -like '/api/v2/conversations/*')
        }
    }
    $stepNames = @{ ivr = 'InIvr'; routing = 'InIvr'; queue = 'WaitingInQueue'; alerting = 'Alerting'; dialing = 'Alerting'; talking = 'Talking'; hold = 'OnHold'; wrapup = 'AfterCallWork' }
    # Mid-afternoon of the previous UTC day, when the synthetic org is busy.
    $instant = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1).AddHours(15).AddMinutes(7), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Each conversation from the source that has its newest facts' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
    }

    It 'a conversation live now: the live API answers too, with the step it is at' {
        $truth = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { $_.step -eq 'talking' -and -not $_.conversationEnd })[0]
        $truth | Should -Not -BeNullOrEmpty

        $record = Get-GenesysConversation -ConversationId $truth.conversationId -Session $session

        $record | Should -BeOfType ([GenesysConvo.ConversationRecord])
        "$($record.Source)" | Should -Be 'Both' -Because 'analytics has it open, and the live API says where it is now'
        $record.IsActive | Should -BeTrue
        $record.EndTime | Should -BeNullOrEmpty
        $record.StartTime | Should -Be ([DateTimeOffset]$truth.conversationStart)
        $record.AgentId -split '; ' | Should -Contain $truth.userId
        "$($record.Live.Step)" | Should -Be $stepNames[$truth.step]
        $record.Live.AgentId | Should -Be $truth.userId
        $record.AsOf | Should -Not -BeNullOrEmpty
        $requests = Get-LookupRequests
        $requests.Analytics.Count | Should -Be 1
        $requests.Live.path | Should -Be "/api/v2/conversations/$($truth.conversationId)"
    }

    It 'a conversation that ended a minute ago and that analytics does not have yet: the live API answers' {
        $short = Get-Truth $instant.AddHours(-2) $instant.AddMinutes(-20) -Brief |
            Where-Object { $_.conversationEnd -and ([DateTimeOffset]$_.conversationEnd - [DateTimeOffset]$_.conversationStart).TotalMinutes -lt 10 } |
            Select-Object -First 1
        $start = [DateTimeOffset]$short.conversationStart; $end = [DateTimeOffset]$short.conversationEnd
        Set-Instant $end.AddMinutes(1)
        Set-AnalyticsLag (($end.AddMinutes(1) - $start).TotalSeconds + 30)   # analytics is as of before it started
        $truth = (Get-Truth $start $start.AddMilliseconds(1))[0]

        $record = Get-GenesysConversation -ConversationId $short.conversationId -Session $session

        "$($record.Source)" | Should -Be 'Live'
        $record.ConversationId | Should -Be $short.conversationId
        $record.StartTime | Should -Be $start
        $record.EndTime | Should -Be $end
        $record.IsActive | Should -BeFalse
        $record.Duration | Should -Be ($end - $start)
        "$($record.Live.Step)" | Should -Be 'Ended'
        @($record.AgentId -split '; ' -ne '') | Should -Be @(Get-AgentIds $truth)
        $record.MediaType | Should -Be (@($truth.participants.sessions.mediaType | Select-Object -Unique) -join '; ')
        $record.HandleTime | Should -BeNullOrEmpty -Because 'metrics come from analytics only'
        (Get-LookupRequests).Live.Count | Should -Be 1
    }

    It 'a conversation that ended a minute ago and that analytics still shows open: the live API''s end wins' {
        $long = Get-Truth $instant.AddHours(-3) $instant.AddMinutes(-30) -Brief |
            Where-Object { $_.conversationEnd -and ([DateTimeOffset]$_.conversationEnd - [DateTimeOffset]$_.conversationStart).TotalMinutes -gt 5 } |
            Select-Object -First 1
        $start = [DateTimeOffset]$long.conversationStart; $end = [DateTimeOffset]$long.conversationEnd
        Set-Instant $end.AddMinutes(1)
        Set-AnalyticsLag 180   # analytics is as of two minutes before the end

        $record = Get-GenesysConversation -ConversationId $long.conversationId -Session $session

        "$($record.Source)" | Should -Be 'Both'
        $record.EndTime | Should -Be $end -Because 'the live API knows it ended; analytics does not yet'
        $record.IsActive | Should -BeFalse
        $record.Duration | Should -Be ($end - $start)
        $record.Detail.ConversationEnd | Should -BeNullOrEmpty -Because 'the analytics record it started from was still open'
    }

    It 'a conversation from last week: analytics answers, and the live API is not asked' {
        $weekAgo = $instant.AddDays(-7)
        $truth = Get-Truth $weekAgo $weekAgo.AddHours(1) | Where-Object { Get-AgentIds $_ } | Select-Object -First 1

        $record = Get-GenesysConversation $truth.conversationId -Session $session

        "$($record.Source)" | Should -Be 'Analytics'
        $record.StartTime | Should -Be ([DateTimeOffset]$truth.conversationStart)
        $record.EndTime | Should -Be ([DateTimeOffset]$truth.conversationEnd)
        @($record.AgentId -split '; ') | Should -Be @(Get-AgentIds $truth)
        $record.Agent | Should -Not -Match '^[0-9a-f]{8}-' -Because 'names are resolved'
        $record.HandleTime | Should -Not -BeNullOrEmpty
        $record.Live | Should -BeNullOrEmpty
        (Get-LookupRequests).Live.Count | Should -Be 0
    }

    It 'the same rows as Search-GenesysConversationHistory with -Expand' {
        $weekAgo = $instant.AddDays(-7)
        $ids = (Get-Truth $weekAgo $weekAgo.AddMinutes(10) -Brief).conversationId
        foreach ($level in 'Participant', 'Session', 'Segment') {
            $rows = Get-GenesysConversation $ids -Expand $level -Session $session
            $history = Search-GenesysConversationHistory -StartTime $weekAgo -EndTime $weekAgo.AddMinutes(10) -Expand $level -Session $session
            @($rows).Count | Should -Be @($history).Count -Because "-Expand $level"
            ($rows | ConvertTo-Csv) -join "`n" | Should -Be (($history | ConvertTo-Csv) -join "`n")
        }
    }
}

Describe 'What each API cannot tell' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    }

    It '-Expand of a conversation only the live API has: participant and session rows from it, no segment rows' {
        $truth = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { $_.step -eq 'talking' -and -not $_.conversationEnd })[0]
        Set-AnalyticsLag (($instant - [DateTimeOffset]$truth.conversationStart).TotalSeconds + 30)
        $view = Invoke-GenesysCloudRequest "/api/v2/conversations/$($truth.conversationId)" -Session $session

        $participants = Get-GenesysConversation $truth.conversationId -Expand Participant -Session $session
        $sessions = Get-GenesysConversation $truth.conversationId -Expand Session -Session $session
        $segments = Get-GenesysConversation $truth.conversationId -Expand Segment -Session $session -WarningAction SilentlyContinue

        @($participants.ParticipantId) | Should -Be @($view.participants.id)
        @($participants.Purpose) | Should -Be @($view.participants.purpose)
        ($participants | Where-Object UserId -eq $truth.userId).UserName | Should -Not -BeNullOrEmpty
        $participants[0] | Should -BeOfType ([GenesysConvo.ConversationParticipantRow])
        $communications = @($view.participants | ForEach-Object { $_.calls, $_.chats, $_.emails, $_.messages, $_.callbacks } | Where-Object { $_ } | ForEach-Object { $_ })
        $communications.Count | Should -BeGreaterThan 1
        @($sessions.SessionId) | Should -Be @($communications.id)
        $segments | Should -BeNullOrEmpty
    }

    It 'without permission for the live API: analytics answers alone, and a warning names the permission' {
        $truth = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { -not $_.conversationEnd })[0]
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('conversation:communication:view') }

        $record = Get-GenesysConversation $truth.conversationId -Session $session -WarningVariable warnings -WarningAction SilentlyContinue

        "$($record.Source)" | Should -Be 'Analytics'
        $record.IsActive | Should -BeTrue
        $warnings.Count | Should -Be 1
        "$warnings" | Should -Match 'conversation:communication:view'
    }
}

Describe 'Ids found nowhere' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    }

    It 'is a non-terminating error that names both places looked, and the other ids are written' {
        $known = (Get-Truth $instant.AddDays(-2) $instant.AddDays(-2).AddHours(1) -Brief)[0].conversationId
        $unknown = [guid]::NewGuid().ToString()

        $records = Get-GenesysConversation -ConversationId $unknown, $known -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue

        @($records).ConversationId | Should -Be @($known)
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.ConversationNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $unknown
        $failures[0].Exception.Message | Should -Match ([regex]::Escape($unknown))
        $failures[0].Exception.Message | Should -Match 'analytics API'
        $failures[0].Exception.Message | Should -Match 'live conversations API'
        $failures[0].Exception.Message | Should -Match 'retention'
    }

    It 'a 404 for a whole batch asks for each of its ids alone' {
        $ids = (Get-Truth $instant.AddDays(-3) $instant.AddDays(-3).AddMinutes(5) -Brief).conversationId
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{ method = 'GET'; pathPrefix = $analyticsPath; kind = 'status'; status = 404; count = 1 }
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE

        $records = Get-GenesysConversation $ids -Session $session

        @($records.ConversationId) | Should -Be @($ids)
        $records.Source | Select-Object -Unique | Should -Be 'Analytics'
        $requests = Get-LookupRequests
        @($requests.Analytics | Where-Object path -eq $analyticsPath).Count | Should -Be 1
        @($requests.Analytics | Where-Object path -ne $analyticsPath).Count | Should -Be $ids.Count
        $requests.Live.Count | Should -Be 0
    }
}

Describe 'Many ids' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    }

    It '1,000 ids from the pipeline cost a few dozen requests, not 1,000' {
        $from = $instant.AddDays(-6)
        $truth = Get-Truth $from $from.AddHours(12) -Brief -Limit 1000
        $truth.Count | Should -Be 1000
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE

        $records = $truth | Select-Object @{ n = 'ConversationId'; e = { $_.conversationId.ToUpperInvariant() } } | Get-GenesysConversation -Session $session

        @($records).Count | Should -Be 1000
        @($records.ConversationId) | Should -Be @($truth.conversationId) -Because 'one record per id, in the order they came'
        $requests = Get-LookupRequests
        $requests.Analytics.Count | Should -Be 10
        foreach ($request in $requests.Analytics) { ([regex]::Matches($request.query, '[?&]id=')).Count | Should -BeLessOrEqual 100 }
        $requests.All.Count | Should -BeLessOrEqual 40 -Because 'analytics in batches of 100, plus one name look-up per kind and batch at most'
    }

    It 'reads the ids of a CSV written by Export-GenesysConversationHistory, each once' {
        $from = $instant.AddDays(-1)
        $file = Join-Path $TestDrive 'export.csv'
        $null = Export-GenesysConversationHistory -StartTime $from -EndTime $from.AddMinutes(30) -Expand Participant -Path $file -Session $session
        $ids = @(Import-Csv $file | ForEach-Object ConversationId | Select-Object -Unique)

        $records = Import-Csv $file | Get-GenesysConversation -Session $session

        @($records.ConversationId) | Should -Be $ids -Because 'several rows of one conversation give one record'
    }

    It 'says with -Verbose how many ids went to which API in how many requests' {
        $ids = (Get-Truth $instant.AddDays(-2) $instant.AddDays(-2).AddHours(2) -Brief).conversationId
        $verbose = Get-GenesysConversation $ids -Session $session -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $text = $verbose.Message -join "`n"
        $text | Should -Match "Looking up $($ids.Count) conversation ids"
        $text | Should -Match "Sent $([math]::Ceiling($ids.Count / 100)) requests to the analytics API and 0 to the live conversations API"
    }

    It 'stops within a second of Ctrl+C' {
        $ids = (Get-Truth $instant.AddDays(-2) $instant.AddDays(-2).AddHours(1) -Brief).conversationId
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{ method = 'GET'; pathPrefix = $analyticsPath; kind = 'latency'; latencyMs = 30000; count = -1 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s, $i) Import-Module $m; Get-GenesysConversation $i -Session $s }).
            AddArgument($modulePath).AddArgument($session).AddArgument($ids)
        $async = $ps.BeginInvoke()
        Start-Sleep -Seconds 2
        $async.IsCompleted | Should -BeFalse
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop(); $ps.Dispose()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
    }
}

Describe 'Input checks' {
    BeforeEach {
        Reset-Emulator $emulator
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
    }

    It 'an id that is not a GUID stops the command before any request, naming the id and the fix' {
        $failure = { [guid]::NewGuid().ToString(), 'INC-4711' | Get-GenesysConversation -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidConversationId,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.TargetObject | Should -Be 'INC-4711'
        $failure.Exception.Message | Should -Match "'INC-4711' is not a conversation id"
        $failure.Exception.Message | Should -Match 'GUID'
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }

    It 'an unknown -Expand is refused before any request, with the valid values' {
        $failure = { Get-GenesysConversation ([guid]::NewGuid()) -Expand Segments -Session $session } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match 'Participant, Session, Segment'
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }
}
