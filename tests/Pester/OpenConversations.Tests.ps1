# Search-GenesysConversationHistory -IncludeActive while conversations stay open for days, compared with the emulator's
# ground truth. Issue: "History: a conversation still open is written twice when the jobs API also returns it". Long
# windows (and -Bulk) read the jobs API up to a seam a day before the datalake's dataAvailabilityDate and ask the details
# query for the conversations of that part that are still open; a message or e-mail that started before the seam and
# is still open comes from both when the datalake holds open conversations (jobsIncludeOpenConversations).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    # 10 conversations an hour (39 days are ~9,400), and about 5 messages/e-mails a day that stay open for 1 to 5 days.
    $emulator = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '10', '--long-open-per-day', '5'
    # A fixed instant on a running clock: the same conversations every run, whatever the date. At it 10 conversations
    # that started before the seam are still open. (The last Describe moves the clock to an instant where one that
    # started before the seam ended after the datalake's availability date.)
    $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = '2026-03-09T14:00:00Z'; frozen = $false }
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }

    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    function Get-EmulatorNow { [DateTimeOffset](Invoke-EmulatorControl $emulator 'clock').now }

    # {firstIndex, conversations: [{conversationId, conversationStart, conversationEnd?}]}: every conversation that started in
    # [From, To), open or not, in generator order from firstIndex.
    function Get-StartedIn([DateTimeOffset] $From, [DateTimeOffset] $To) {
        Invoke-EmulatorControl $emulator "conversations?from=$(Format-Utc $From)&to=$(Format-Utc $To)&fields=brief&limit=1000000"
    }

    function Assert-SameSet($Actual, $Expected) {
        $actualIds = @($Actual)
        @($actualIds | Sort-Object -Unique).Count | Should -Be $actualIds.Count -Because 'no conversation may be written twice'
        $difference = Compare-Object @($Expected | Sort-Object -Unique) @($actualIds | Sort-Object -Unique)
        $difference | Should -BeNullOrEmpty -Because "expected $(@($Expected).Count) ids, got $($actualIds.Count)"
    }

    function Set-JobsMode([bool] $IncludeOpen) {
        $settings = @{ jobsIncludeOpenConversations = $IncludeOpen; jobQueuedMs = 0; jobPendingMs = 0 }
        (Invoke-EmulatorControl $emulator 'config' -Method PUT -Body $settings).jobsIncludeOpenConversations | Should -Be $IncludeOpen
    }

    # One search over the $Days up to the emulator's now, with what the emulator says about it: the ground truth, the
    # seam (end of the jobs part, from the job submissions in the request log) and what each job returned.
    function Invoke-Search([int] $Days, [switch] $Bulk) {
        $to = Get-EmulatorNow; $from = $to.AddDays(-$Days)
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        $records = @(Search-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Bulk:$Bulk -Session $session)
        $truth = @((Get-StartedIn $from $to).conversations)
        $jobsPath = '/api/v2/analytics/conversations/details/jobs'
        $jobs = @(Get-EmulatorRequest $emulator -Api | Where-Object { $_.method -eq 'POST' -and $_.path -eq $jobsPath })
        $jobs.Count | Should -BeGreaterThan 0 -Because 'the window is read through the jobs API up to the seam'
        $seam = $jobs | ForEach-Object { [DateTimeOffset](($_.detail.interval -split '/')[1]) } | Sort-Object | Select-Object -Last 1
        $fromJobs = @($jobs | ForEach-Object {
                $body = @{ interval = $_.detail.interval; jobId = $_.detail.jobId }
                (Invoke-EmulatorControl $emulator 'analytics/match-job' -Method POST -Body $body).ids
            })
        [pscustomobject]@{
            Records    = $records
            Truth      = $truth
            # Started before the seam (in the jobs part) and still open: what the jobs and the open-conversations query share.
            OpenAcross = @($truth | Where-Object { -not $_.conversationEnd -and [DateTimeOffset]$_.conversationStart -lt $seam } |
                    ForEach-Object conversationId)
            FromJobs   = $fromJobs
        }
    }

    function Assert-WrittenOnce($Search, [bool] $IncludeOpen) {
        $Search.OpenAcross.Count | Should -BeGreaterThan 0 -Because 'the window must hold a conversation open since before the seam'
        $inJobs = @($Search.OpenAcross | Where-Object { $_ -in $Search.FromJobs })
        if ($IncludeOpen) {
            $inJobs.Count | Should -Be $Search.OpenAcross.Count -Because 'with the knob the jobs return the open conversations too'
        } else {
            $inJobs | Should -BeNullOrEmpty -Because 'without the knob only the open-conversations query returns them'
        }
        Assert-SameSet $Search.Records.ConversationId $Search.Truth.conversationId
        foreach ($open in $Search.Records | Where-Object ConversationId -in $Search.OpenAcross) {
            $open.IsActive | Should -BeTrue
            $open.EndTime | Should -BeNullOrEmpty
        }
    }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Conversations open for days are written once, when <Mode>' -ForEach @(
    @{ Mode = 'the jobs leave open conversations out'; IncludeOpen = $false }
    @{ Mode = 'the jobs return open conversations (jobsIncludeOpenConversations)'; IncludeOpen = $true }
) {
    BeforeAll { Set-JobsMode $IncludeOpen }

    It 'a 39-day window ending now: jobs up to the seam, its open conversations and the rest through the details query' {
        Assert-WrittenOnce (Invoke-Search -Days 39) $IncludeOpen
    }

    It '-Bulk over the last 6 days' {
        Assert-WrittenOnce (Invoke-Search -Days 6 -Bulk) $IncludeOpen
    }
}

Describe 'The emulator: every view agrees on the conversations open for days' {
    BeforeAll {
        $now = Get-EmulatorNow
        $from = $now.AddDays(-6)
        # Open and older than any conversation that is not long-open (12 h): still open only because of the option.
        $listing = Get-StartedIn $from $now
        $longOpen = @(for ($i = 0; $i -lt $listing.conversations.Count; $i++) {
                $c = $listing.conversations[$i]
                if (-not $c.conversationEnd -and [DateTimeOffset]$c.conversationStart -lt $now.AddHours(-12)) {
                    $c | Add-Member -NotePropertyName index -NotePropertyValue ($listing.firstIndex + $i) -PassThru
                }
            })
        $ids = @($longOpen.conversationId)
    }

    It 'some are open for more than 2 days, and the details query returns exactly those as open' {
        @($longOpen | Where-Object { [DateTimeOffset]$_.conversationStart -lt $now.AddDays(-2) }).Count | Should -BeGreaterThan 0
        $openFilter = @(@{ type = 'and'; predicates = @(@{ dimension = 'conversationEnd'; operator = 'notExists' }) })
        $body = @{ interval = "$(Format-Utc $from)/$(Format-Utc $now)"; conversationFilters = $openFilter }
        $matched = @((Invoke-EmulatorControl $emulator 'analytics/match' -Method POST -Body $body).ids)
        Assert-SameSet @($matched | Where-Object { $_ -in $ids }) $ids
    }

    It 'the live view and the Conversations API show them open, waiting in a queue or with an agent' {
        $live = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object conversationId -in $ids)
        Assert-SameSet $live.conversationId $ids
        foreach ($conversation in $live) {
            $conversation.mediaType | Should -BeIn 'message', 'email'
            $conversation.step | Should -BeIn 'queue', 'alerting', 'talking'
            $view = Invoke-GenesysCloudRequest "/api/v2/conversations/$($conversation.conversationId)" -Session $session
            $view.PSObject.Properties.Name | Should -Not -Contain 'endTime'
            $customer = $view.participants | Where-Object purpose -eq 'customer'
            @(@($customer.messages) + @($customer.emails) | Where-Object { $_ }).state | Should -Be 'connected'
        }
    }

    It 'jobs return them only with jobsIncludeOpenConversations' {
        $body = @{ interval = "$(Format-Utc $from)/$(Format-Utc $now.AddHours(-12))" }
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobsIncludeOpenConversations = $false }
        @((Invoke-EmulatorControl $emulator 'analytics/match-job' -Method POST -Body $body).ids | Where-Object { $_ -in $ids }) |
            Should -BeNullOrEmpty
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobsIncludeOpenConversations = $true }
        $withKnob = @((Invoke-EmulatorControl $emulator 'analytics/match-job' -Method POST -Body $body).ids)
        Assert-SameSet @($withKnob | Where-Object { $_ -in $ids }) $ids
    }

    It 'their metric emissions are the metrics their records hold so far' {
        $records = @($longOpen | ForEach-Object { Invoke-EmulatorControl $emulator "conversations/$($_.index)" })
        $records.conversationId | Should -Be $ids
        $filter = @{ type = 'or'; predicates = @($ids | ForEach-Object { @{ dimension = 'conversationId'; value = $_ } }) }
        $body = @{ interval = "$(Format-Utc $from.AddDays(-1))/$(Format-Utc $now.AddMinutes(1))"; filter = $filter }
        $rows = @((Invoke-EmulatorControl $emulator 'analytics/metric-events' -Method POST -Body $body).rows)
        $rows.Count | Should -BeGreaterThan 0
        $expected = foreach ($s in $records.participants.sessions) {
            foreach ($m in $s.metrics) { "$($s.sessionId) $($m.name) $($m.value) $($m.emitDate)" }
        }
        Assert-SameSet @($rows | ForEach-Object { "$($_.sessionId) $($_.name) $($_.value) $($_.emitDate)" }) @($expected)
        $rows | Where-Object name -eq 'tHandle' | Should -BeNullOrEmpty -Because 'handle time is emitted when the agent is done'
    }
}

Describe 'Export-GenesysConversationHistory writes conversations open for days once, when <Mode>' -ForEach @(
    @{ Mode = 'the jobs leave open conversations out'; IncludeOpen = $false }
    @{ Mode = 'the jobs return open conversations (jobsIncludeOpenConversations)'; IncludeOpen = $true }
) {
    BeforeAll {
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = '2026-03-09T14:00:00Z'; frozen = $false }
        Set-JobsMode $IncludeOpen
        $folder = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-open-$([Guid]::NewGuid())"
        New-Item -ItemType Directory -Path $folder | Out-Null
        function Read-Ids([string] $Path) { @(Import-Csv $Path | ForEach-Object ConversationId) }
    }
    AfterAll { Remove-Item $folder -Recurse -Force -ErrorAction Ignore }

    It 'a 39-day window ending now' {
        $to = Get-EmulatorNow; $from = $to.AddDays(-39)
        $path = Join-Path $folder "39-days-$IncludeOpen.csv"
        $null = Export-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Path $path -Session $session
        Assert-SameSet (Read-Ids $path) (Get-StartedIn $from $to).conversations.conversationId
    }

    It '-Bulk over the last 6 days, failed half-way and continued from its checkpoint' {
        $to = Get-EmulatorNow; $from = $to.AddDays(-6)
        $path = Join-Path $folder "bulk-$IncludeOpen.csv"; $checkpoint = Join-Path $folder "bulk-$IncludeOpen.checkpoint"
        # The first run fails on its second late-conversations query, after the jobs and their open conversations.
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{
            pathPrefix = '/api/v2/analytics/conversations/details/query'; kind = 'status'; status = 403; skip = 1 }
        { Export-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Bulk -Path $path -CheckpointPath $checkpoint -Session $session } |
            Should -Throw
        $path | Should -Not -Exist
        $null = Invoke-EmulatorControl $emulator 'faults' -Method DELETE
        $summary = Export-GenesysConversationHistory -StartTime $from -EndTime $to -IncludeActive -Bulk -Path $path -CheckpointPath $checkpoint -Session $session
        $summary.Resumes | Should -Be 1
        Assert-SameSet (Read-Ids $path) (Get-StartedIn $from $to).conversations.conversationId
    }
}

Describe 'A conversation that started before the seam and ended after the datalake''s availability date is written once, when <Mode>' -ForEach @(
    @{ Mode = 'the jobs leave open conversations out'; IncludeOpen = $false }
    @{ Mode = 'the jobs return open conversations (jobsIncludeOpenConversations)'; IncludeOpen = $true }
) {
    BeforeAll {
        # At this instant a message that started on 03-08 ended at 12:25 on 03-10, after the availability date (12:00):
        # the jobs do not hold it, and it is no longer open. The details query for late conversations finds it.
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = '2026-03-10T14:00:00Z'; frozen = $false }
        Set-JobsMode $IncludeOpen
    }

    It 'a 39-day window ending now' {
        $availability = [DateTimeOffset](Invoke-GenesysCloudRequest /api/v2/analytics/conversations/details/jobs/availability -Session $session).dataAvailabilityDate
        $seam = [DateTimeOffset]::new($availability.UtcDateTime.Date, [TimeSpan]::Zero).AddDays(-1)
        $search = Invoke-Search -Days 39
        $late = @($search.Truth | Where-Object {
                $_.conversationEnd -and [DateTimeOffset]$_.conversationStart -lt $seam -and [DateTimeOffset]$_.conversationEnd -ge $availability })
        $late.Count | Should -BeGreaterThan 0 -Because 'the window must hold a conversation that ended after the availability date'
        Assert-SameSet $search.Records.ConversationId $search.Truth.conversationId
    }
}
