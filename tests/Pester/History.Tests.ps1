# Search-GenesysConversationHistory against the emulator, compared with the emulator's ground truth.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $modulePath = $env:GENESYSCONVO_MODULE_PATH
    $emulator = Start-GenesysEmulator
    # A quieter org for long windows: 10 conversations an hour keeps 60 days at ~14,000 conversations.
    $quiet = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '10'

    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    # Ids of conversations that started in [From, To), completed ones unless -IncludeActive.
    function Get-StartedIn($Emulator, [DateTimeOffset] $From, [DateTimeOffset] $To, [switch] $IncludeActive) {
        $truth = Invoke-EmulatorControl $Emulator "conversations?from=$(Format-Utc $From)&to=$(Format-Utc $To)&fields=brief&limit=1000000"
        @($truth.conversations | Where-Object { $IncludeActive -or $_.conversationEnd } | ForEach-Object conversationId)
    }

    # Full records of conversations that started in [From, To): the independent ground truth for filters.
    function Get-Truth($Emulator, [DateTimeOffset] $From, [DateTimeOffset] $To) {
        @((Invoke-EmulatorControl $Emulator "conversations?from=$(Format-Utc $From)&to=$(Format-Utc $To)&limit=100000").conversations | Where-Object conversationEnd)
    }

    function Get-Segments($conversation) { $conversation.participants.sessions.segments }

    function Assert-SameSet($Actual, $Expected) {
        $actualIds = @($Actual)
        @($actualIds | Sort-Object -Unique).Count | Should -Be $actualIds.Count -Because 'no conversation may be written twice'
        $difference = Compare-Object @($Expected | Sort-Object -Unique) @($actualIds | Sort-Object -Unique)
        $difference | Should -BeNullOrEmpty -Because "expected $(@($Expected).Count) ids, got $($actualIds.Count)"
    }

    function Get-DetailsQueries($Emulator) { @(Get-EmulatorRequest $Emulator -Api | Where-Object path -eq '/api/v2/analytics/conversations/details/query') }

    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    $quietSession = Connect-Emulator $quiet -With @{ PassThru = $true }
    $now = [DateTimeOffset]::UtcNow
    $hourStart = [DateTimeOffset]::new($now.UtcDateTime.Date.AddHours($now.UtcDateTime.Hour - 3), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
    Stop-GenesysEmulator $quiet
}

Describe 'Windows of any size return exactly the conversations that started in them' {
    It 'a 1-hour window' {
        $from = $hourStart; $to = $hourStart.AddHours(1)
        $ids = (Search-GenesysConversationHistory -StartTime $from -EndTime $to -Session $session).ConversationId
        @($ids).Count | Should -BeGreaterThan 10
        Assert-SameSet $ids (Get-StartedIn $emulator $from $to)
    }

    It 'a 1-day window, live conversations included with -IncludeActive' {
        $to = [DateTimeOffset]::UtcNow; $from = $to.AddDays(-1)
        $records = Search-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Session $session
        Assert-SameSet $records.ConversationId (Get-StartedIn $emulator $from $to -IncludeActive)
        @($records | Where-Object IsActive).Count | Should -BeGreaterThan 0
        ($records | Where-Object IsActive | Select-Object -First 1).EndTime | Should -BeNullOrEmpty
    }

    It 'a 10-day window without filters is split into intervals of at most 7 days' {
        Reset-Emulator $quiet
        $to = [DateTimeOffset]::UtcNow.AddHours(-1); $from = $to.AddDays(-10)
        $ids = (Search-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Session $quietSession).ConversationId
        Assert-SameSet $ids (Get-StartedIn $quiet $from $to -IncludeActive)
        # Two slices: each starts again at page 1.
        @(Get-DetailsQueries $quiet | Where-Object { $_.detail.pageNumber -eq 1 }).Count | Should -Be 2
    }

    It 'a 60-day window: the jobs API for the datalake, the details query after its seam, nothing lost or doubled' {
        Reset-Emulator $quiet
        $to = [DateTimeOffset]::UtcNow; $from = $to.AddDays(-60)
        $ids = (Search-GenesysConversationHistory -StartTime $from -EndTime $to -Session $quietSession).ConversationId
        Assert-SameSet $ids (Get-StartedIn $quiet $from $to)
        $log = @(Get-EmulatorRequest $quiet -Api)
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v2/analytics/conversations/details/jobs' }).Count | Should -Be 1
        @($log | Where-Object path -like '/api/v2/analytics/conversations/details/jobs/*/results').Count | Should -BeGreaterThan 0
        @(Get-DetailsQueries $quiet).Count | Should -BeGreaterThan 0
    }

    It 'a window whose local-time bounds cross UTC midnight' {
        $savedTz = $env:TZ
        try {
            $env:TZ = 'America/New_York'
            [TimeZoneInfo]::ClearCachedData()
            $day = [DateTime]::SpecifyKind([DateTimeOffset]::UtcNow.AddDays(-1).UtcDateTime.Date, 'Unspecified')
            # 18:30-19:30 in New York is 23:30-00:30 UTC (EST) or 22:30-23:30 (EDT): compute the truth from the offset.
            $localStart = $day.AddHours(18.5)
            $offset = [TimeZoneInfo]::Local.GetUtcOffset($localStart)
            $from = [DateTimeOffset]::new($localStart, $offset); $to = $from.AddHours(1)
            $ids = (Search-GenesysConversationHistory -StartTime $localStart.ToString('yyyy-MM-ddTHH:mm:ss') -EndTime $localStart.AddHours(1) -Session $session).ConversationId
            Assert-SameSet $ids (Get-StartedIn $emulator $from $to)
        } finally {
            $env:TZ = $savedTz
            [TimeZoneInfo]::ClearCachedData()
        }
    }

    It '-Interval takes the API''s ISO-8601 start/end' {
        $from = $hourStart; $to = $hourStart.AddMinutes(30)
        $ids = (Search-GenesysConversationHistory -Interval "$(Format-Utc $from)/$(Format-Utc $to)" -Session $session).ConversationId
        Assert-SameSet $ids (Get-StartedIn $emulator $from $to)
    }
}

Describe 'Filters match what the records say' {
    BeforeAll {
        $from = $hourStart.AddHours(-3); $to = $hourStart.AddHours(1)
        $truth = Get-Truth $emulator $from $to
        $org = Invoke-EmulatorControl $emulator 'org'
        $queueWithCalls = ($truth | ForEach-Object { Get-Segments $_ } | Where-Object queueId | Group-Object queueId | Sort-Object Count -Descending | Select-Object -First 1).Name
        $queueName = ($org.queues | Where-Object id -eq $queueWithCalls).name
        $busyAgent = ($truth.participants | Where-Object userId | Group-Object userId | Sort-Object Count -Descending | Select-Object -First 1).Name
        $wrapUp = ($truth | ForEach-Object { Get-Segments $_ } | Where-Object wrapUpCode | Group-Object wrapUpCode | Sort-Object Count -Descending | Select-Object -First 1).Name
        $wrapUpName = ($org.wrapupCodes | Where-Object id -eq $wrapUp).name
        function Search([hashtable] $With) { (Search-GenesysConversationHistory -StartTime $from -EndTime $to -Session $session @With).ConversationId }
        function Where-Truth([scriptblock] $Predicate) { @($truth | Where-Object $Predicate | ForEach-Object conversationId) }
    }

    It '-QueueId by id and by name' {
        $expected = Where-Truth { (Get-Segments $_).queueId -contains $queueWithCalls }
        Assert-SameSet (Search @{ QueueId = $queueWithCalls }) $expected
        Assert-SameSet (Search @{ QueueId = $queueName }) $expected
    }

    It '-UserId by id, by name and by e-mail address' {
        $expected = Where-Truth { $_.participants.userId -contains $busyAgent }
        $user = $org.users | Where-Object id -eq $busyAgent
        Assert-SameSet (Search @{ UserId = $busyAgent }) $expected
        Assert-SameSet (Search @{ UserId = $user.name }) $expected
        Assert-SameSet (Search @{ UserId = $user.email }) $expected
    }

    It '-MediaType (several values match any)' {
        Assert-SameSet (Search @{ MediaType = 'chat', 'email' }) (Where-Truth { ($_.participants.sessions.mediaType | Where-Object { $_ -in 'chat', 'email' }) })
    }

    It '-Direction matches the originating direction' {
        Assert-SameSet (Search @{ Direction = 'outbound' }) (Where-Truth { $_.originatingDirection -eq 'outbound' })
    }

    It '-WrapUpCode by name' {
        Assert-SameSet (Search @{ WrapUpCode = $wrapUpName }) (Where-Truth { (Get-Segments $_).wrapUpCode -contains $wrapUp })
    }

    It '-DivisionId' {
        $division = $truth[0].divisionIds[0]
        Assert-SameSet (Search @{ DivisionId = $division }) (Where-Truth { $_.divisionIds -contains $division })
    }

    It '-Ani and -ConversationId' {
        # A conversation with a real ANI on some session (member enumeration of an all-empty list is still truthy).
        $call = $truth | Where-Object { @($_.participants.sessions.ani | Where-Object { $_ }).Count -gt 0 } | Select-Object -First 1
        $ani = ($call.participants.sessions | Where-Object ani | Select-Object -First 1).ani
        Assert-SameSet (Search @{ Ani = $ani }) (Where-Truth { $_.participants.sessions.ani -contains $ani })
        Assert-SameSet (Search @{ ConversationId = $call.conversationId }) @($call.conversationId)
    }

    It '-MinimumDuration' {
        $expected = Where-Truth { ([DateTimeOffset]$_.conversationEnd - [DateTimeOffset]$_.conversationStart).TotalMinutes -ge 10 }
        Assert-SameSet (Search @{ MinimumDuration = [TimeSpan]::FromMinutes(10) }) $expected
    }

    It 'combinations: queue AND media AND direction' {
        $expected = Where-Truth { (Get-Segments $_).queueId -contains $queueWithCalls -and $_.participants.sessions.mediaType -contains 'voice' -and $_.originatingDirection -eq 'inbound' }
        Assert-SameSet (Search @{ QueueId = $queueWithCalls; MediaType = 'voice'; Direction = 'inbound' }) $expected
    }

    It '-Filter with the API''s own structure' {
        $filter = @{ segmentFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'segmentType'; value = 'hold' }) }) }
        Assert-SameSet (Search @{ Filter = $filter }) (Where-Truth { (Get-Segments $_).segmentType -contains 'hold' })
    }

    It '-Query with a whole body; its interval is the window' {
        $body = @{ interval = "$(Format-Utc $from)/$(Format-Utc $to)"; conversationFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'originatingDirection'; value = 'inbound' }) }) }
        $ids = (Search-GenesysConversationHistory -Query $body -Session $session).ConversationId
        Assert-SameSet $ids (Where-Truth { $_.originatingDirection -eq 'inbound' })
    }
}

Describe 'Streaming, paging and stopping' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'no duplicate and nothing lost while pages repeat records and new conversations arrive' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ detailsDuplicateRate = 0.3 }
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ frozen = $true }
        $from = [DateTimeOffset]::UtcNow.AddHours(-6); $to = [DateTimeOffset]::UtcNow.AddHours(2)
        $before = Get-StartedIn $emulator $from $to -IncludeActive
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s, $f, $t) Import-Module $m; (Search-GenesysConversationHistory -StartTime $f -EndTime $t -IncludeActive -PageSize 10 -Session $s).ConversationId }).
            AddArgument($modulePath).AddArgument($session).AddArgument($from).AddArgument($to)
        $async = $ps.BeginInvoke()
        while (-not $async.IsCompleted) {
            $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = 60 }
            Start-Sleep -Milliseconds 100
        }
        $ids = @($ps.EndInvoke($async)); $ps.Dispose()
        $after = Get-StartedIn $emulator $from $to -IncludeActive
        $after.Count | Should -BeGreaterThan $before.Count -Because 'conversations started while the search paged'
        @($ids | Sort-Object -Unique).Count | Should -Be $ids.Count
        @($before | Where-Object { $_ -notin $ids }) | Should -BeNullOrEmpty -Because 'every conversation there at the start is found'
        @($ids | Where-Object { $_ -notin $after }) | Should -BeNullOrEmpty
        @(Get-DetailsQueries $emulator | Where-Object { $_.detail.pageNumber -gt 1 }).Count | Should -BeGreaterThan 5
    }

    It '-First 10 stops after the first page' {
        # A window starting at UTC midnight: its first page holds only conversations that started in it.
        $records = Search-GenesysConversationHistory -StartTime ([DateTime]::UtcNow.Date.AddDays(-1)) -First 10 -Session $session
        @($records).Count | Should -Be 10
        $queries = Get-DetailsQueries $emulator
        $queries.Count | Should -Be 1
        $queries[0].detail.pageNumber | Should -Be 1
    }

    It '-Skip and -IncludeTotalCount' {
        $all = Search-GenesysConversationHistory -StartTime $hourStart -EndTime $hourStart.AddHours(1) -Session $session
        $page = Search-GenesysConversationHistory -StartTime $hourStart -EndTime $hourStart.AddHours(1) -Skip 5 -First 5 -IncludeTotalCount -Session $session
        $total = $page | Where-Object { $_ -isnot [GenesysConvo.ConversationRecord] }
        $total | Should -Not -BeNullOrEmpty
        [uint64]"$total" | Should -BeGreaterOrEqual @($all).Count
        ($page | Where-Object { $_ -is [GenesysConvo.ConversationRecord] }).ConversationId | Should -Be ($all | Select-Object -Skip 5 -First 5).ConversationId
    }

    It 'writes no progress records in a non-interactive host' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s, $f) Import-Module $m; $ProgressPreference = 'Continue'; Search-GenesysConversationHistory -StartTime $f -Session $s }).
            AddArgument($modulePath).AddArgument($session).AddArgument([DateTimeOffset]::UtcNow.AddHours(-2))
        $records = $ps.Invoke()
        $records.Count | Should -BeGreaterThan 0
        $ps.Streams.Progress.Count | Should -Be 0
        $ps.Dispose()
    }

    It 'Select-Object -First upstream stops the requests' {
        $null = Search-GenesysConversationHistory -StartTime ([DateTime]::UtcNow.Date.AddDays(-1)) -PageSize 10 -Session $session | Select-Object -First 3
        # The page that held the third record, and at most the one fetched ahead while it was written.
        @(Get-DetailsQueries $emulator).Count | Should -BeLessOrEqual 2
    }

    It 'a stopped pipeline deletes its analytics job' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobQueuedMs = 600000 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s) Import-Module $m; Search-GenesysConversationHistory -StartTime ([DateTime]::UtcNow.AddDays(-20)) -Bulk -Session $s }).
            AddArgument($modulePath).AddArgument($session)
        $async = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (-not (Get-EmulatorRequest $emulator -Api | Where-Object { $_.path -like '/api/v2/analytics/conversations/details/jobs/*' -and $_.method -eq 'GET' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop(); $ps.Dispose()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $submit = Get-EmulatorRequest $emulator -Api | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/api/v2/analytics/conversations/details/jobs' }
        $jobId = $submit.detail.jobId
        $jobId | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator -Api | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq "/api/v2/analytics/conversations/details/jobs/$jobId" }).Count | Should -Be 1
        (Invoke-RestMethod -Uri "$($emulator.ApiUrl)/api/v2/analytics/conversations/details/jobs/$jobId" -Headers @{ Authorization = "Bearer $((Invoke-EmulatorControl $emulator 'tokens')[-1].accessToken)" }).state | Should -Be 'CANCELLED'
    }

    It 'a failed job surfaces the API''s error message' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ failNextJobs = 1 }
        $failure = { Search-GenesysConversationHistory -StartTime ([DateTime]::UtcNow.AddDays(-20)) -Bulk -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.JobFailed,*'
        $failure.Exception.Message | Should -Match 'failed'
    }
}

Describe 'Bad input gets a clear error, before any request where possible' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE }

    It 'end before start' {
        $failure = { Search-GenesysConversationHistory -StartTime (Get-Date) -EndTime (Get-Date).AddHours(-1) -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidSearch,*'
        $failure.Exception.Message | Should -Match 'swap'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'a date string that is not a date' {
        { Search-GenesysConversationHistory -StartTime 'yesterday-ish' -Session $session } | Should -Throw '*ISO-8601*'
    }

    It 'an unknown queue name names what exists' {
        $failure = { Search-GenesysConversationHistory -QueueId 'Bill' -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match "No queue is named 'Bill'"
        $failure.Exception.Message | Should -Match "Billing"
        @(Get-DetailsQueries $emulator).Count | Should -Be 0
    }

    It 'a malformed -Filter: <Case>' -ForEach @(
        @{ Case = 'segment dimension at conversation level'; Filter = @{ conversationFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'queueId'; value = 'x' }) }) }; Message = 'put this predicate under segmentFilters' }
        @{ Case = 'unknown operator'; Filter = @{ segmentFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'queueId'; operator = 'equals'; value = 'x' }) }) }; Message = 'not one of matches, exists, notExists' }
        @{ Case = 'no filter kind'; Filter = @{ type = 'and'; predicates = @(@{ dimension = 'queueId'; value = 'x' }) }; Message = 'must say where each filter goes' }
        @{ Case = 'no type'; Filter = @{ segmentFilters = @(@{ predicates = @(@{ dimension = 'queueId'; value = 'x' }) }) }; Message = 'needs "type"' }
        @{ Case = 'invalid JSON'; Filter = '{ segmentFilters: [ '; Message = 'not valid JSON' }
    ) {
        $failure = { Search-GenesysConversationHistory -Filter $Filter -Session $session } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match ([regex]::Escape($Message))
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'a -Query with tutorial fields names the real field' {
        $failure = { Search-GenesysConversationHistory -Query @{ dateFrom = '2026-01-01'; dateTo = '2026-01-02' } -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'interval'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'a -Query the API rejects surfaces the API''s 400 message' {
        $body = @{ segmentFilters = @(@{ type = 'and'; predicates = @(@{ dimension = 'noSuchDimension'; value = 'x' }) }) }
        $failure = { Search-GenesysConversationHistory -Query $body -Session $session } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.StatusCode | Should -Be 400
        $failure.Exception.Message | Should -Match 'noSuchDimension'
    }
}

Describe 'CSV exports' {
    It 'the default records and -Expand <Expand> rows export with only scalar cells' -ForEach @(
        @{ Expand = $null }, @{ Expand = 'Participant' }, @{ Expand = 'Session' }, @{ Expand = 'Segment' }
    ) {
        $parameters = @{ StartTime = $hourStart; EndTime = $hourStart.AddMinutes(30); Session = $session }
        if ($Expand) { $parameters.Expand = $Expand }
        $path = Join-Path ([IO.Path]::GetTempPath()) "history-$([guid]::NewGuid()).csv"
        try {
            Search-GenesysConversationHistory @parameters | Export-Csv -Path $path -NoTypeInformation
            $rows = Import-Csv $path
            $rows.Count | Should -BeGreaterThan 5
            $text = Get-Content $path -Raw
            $text | Should -Not -Match 'System\.|\[\]|@\{|GenesysConvo\.'
            ($rows[0].PSObject.Properties.Name) | Should -Contain 'ConversationId'
        } finally { Remove-Item $path -ErrorAction Ignore }
    }

    It 'the nested detail stays available as typed collections' {
        $record = Search-GenesysConversationHistory -StartTime $hourStart -EndTime $hourStart.AddHours(1) -First 1 -Session $session
        $record.Participants[0] | Should -BeOfType ([GenesysConvo.Analytics.ConversationParticipant])
        $record.Participants.Sessions.Segments.Count | Should -BeGreaterThan 0
        $record.Queue | Should -Not -Match '^[0-9a-f]{8}-'   # names resolved, ids kept in QueueId
    }
}
