# Get-GenesysActiveConversation against the emulator's ground truth of what is live at one frozen instant.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator

    # Freezes the emulator clock at an instant, so the module and the ground truth see the same moment.
    function Set-Instant([DateTimeOffset] $At) {
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = $At.UtcDateTime.ToString('o'); frozen = $true }
    }
    function Get-Live { @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { -not $_.conversationEnd }) }
    function Assert-SameSet($Actual, $Expected) {
        $actualIds = @($Actual)
        @($actualIds | Sort-Object -Unique).Count | Should -Be $actualIds.Count -Because 'no conversation may be written twice'
        Compare-Object @($Expected | Sort-Object -Unique) @($actualIds | Sort-Object -Unique) | Should -BeNullOrEmpty
    }
    $stepNames = @{ ivr = 'InIvr'; routing = 'InIvr'; queue = 'WaitingInQueue'; alerting = 'Alerting'; dialing = 'Alerting'; talking = 'Talking'; hold = 'OnHold'; wrapup = 'AfterCallWork' }
    # Mid-afternoon of the previous UTC day, when the synthetic org is busy.
    $instant = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1).AddHours(15).AddMinutes(7), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'The live set equals the ground truth at that instant' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $live = Get-Live
    }

    It 'with no filter' {
        $live.Count | Should -BeGreaterThan 5
        $records = Get-GenesysActiveConversation -Session $session
        Assert-SameSet $records.ConversationId $live.conversationId
        $records | ForEach-Object { $_ | Should -BeOfType ([GenesysConvo.ActiveConversation]) }
    }

    It 'with each record at the step the emulator says it is at' {
        $records = Get-GenesysActiveConversation -Session $session
        foreach ($truth in $live) {
            $record = $records | Where-Object ConversationId -eq $truth.conversationId
            "$($record.Step)" | Should -Be $stepNames[$truth.step] -Because "conversation $($truth.conversationId) is at '$($truth.step)'"
        }
    }

    It 'filtered by queue (name and id), user, media type, and combinations' {
        $queueId = ($live | Where-Object queueId | Group-Object queueId | Sort-Object Count -Descending | Select-Object -First 1).Name
        $queueName = ((Invoke-EmulatorControl $emulator 'org').queues | Where-Object id -eq $queueId).name
        Assert-SameSet (Get-GenesysActiveConversation -QueueId $queueId -Session $session).ConversationId ($live | Where-Object queueId -eq $queueId).conversationId
        Assert-SameSet (Get-GenesysActiveConversation -QueueId $queueName -Session $session).ConversationId ($live | Where-Object queueId -eq $queueId).conversationId

        $userId = ($live | Where-Object userId | Select-Object -First 1).userId
        Assert-SameSet (Get-GenesysActiveConversation -UserId $userId -Session $session).ConversationId ($live | Where-Object { $_.userIds -contains $userId }).conversationId

        Assert-SameSet (Get-GenesysActiveConversation -MediaType voice -Session $session).ConversationId ($live | Where-Object mediaType -eq 'voice').conversationId
        Assert-SameSet (Get-GenesysActiveConversation -MediaType chat, email -Session $session).ConversationId ($live | Where-Object mediaType -in 'chat', 'email').conversationId

        $media = ($live | Where-Object queueId -eq $queueId | Select-Object -First 1).mediaType
        Assert-SameSet (Get-GenesysActiveConversation -QueueId $queueId -MediaType $media -Session $session).ConversationId ($live | Where-Object { $_.queueId -eq $queueId -and $_.mediaType -eq $media }).conversationId
    }

    It 'names resolve with one bulk lookup per kind per page, not one call per record' {
        $records = Get-GenesysActiveConversation -Session $session
        $log = @(Get-EmulatorRequest $emulator -Api)
        @($log | Where-Object path -eq '/api/v2/users').Count | Should -BeLessOrEqual 1
        @($log | Where-Object path -eq '/api/v2/routing/queues').Count | Should -Be 1
        @($log | Where-Object path -like '/api/v2/users/*').Count | Should -Be 0
        ($records | Where-Object QueueId | Select-Object -First 1).Queue | Should -Not -Match '^[0-9a-f]{8}-'
    }

    It '-First 3 makes no request beyond the page that held the third record' {
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        @(Get-GenesysActiveConversation -First 3 -Session $session).Count | Should -Be 3
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/api/v2/analytics/conversations/details/query').Count | Should -Be 1
    }
}

Describe 'Conversations that cross days, and ones that end' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'finds a conversation that started on the previous UTC day' {
        Set-Instant ([DateTimeOffset]::new([DateTime]::UtcNow.Date.AddMinutes(20), [TimeSpan]::Zero))
        $live = Get-Live
        $midnight = [DateTimeOffset]::new([DateTime]::UtcNow.Date, [TimeSpan]::Zero)
        $yesterdays = @($live | Where-Object { [DateTimeOffset]$_.conversationStart -lt $midnight })
        $yesterdays.Count | Should -BeGreaterThan 0 -Because 'long e-mail and message conversations run past midnight'
        $records = Get-GenesysActiveConversation -Session $session
        Assert-SameSet $records.ConversationId $live.conversationId
        $records.ConversationId | Should -Contain $yesterdays[0].conversationId
    }

    It 'no longer lists a conversation once it has ended' {
        Set-Instant $instant
        $voice = Get-Live | Where-Object mediaType -eq 'voice' | Select-Object -First 1
        (Get-GenesysActiveConversation -Session $session).ConversationId | Should -Contain $voice.conversationId
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = 3 * 3600 }
        (Get-GenesysActiveConversation -Session $session).ConversationId | Should -Not -Contain $voice.conversationId
        (Get-GenesysActiveConversation -ConversationId $voice.conversationId -Session $session).Step | Should -Be 'Ended'
    }
}

Describe 'One conversation in full' {
    BeforeEach { Reset-Emulator $emulator; Set-Instant $instant; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'binds ConversationId from the pipeline and returns the live state of each participant' {
        $live = Get-Live
        $talking = $live | Where-Object step -eq 'talking' | Select-Object -First 1
        $waiting = $live | Where-Object step -eq 'queue' | Select-Object -First 1
        $records = [pscustomobject]@{ ConversationId = $talking.conversationId }, [pscustomobject]@{ Id = $waiting.conversationId } | Get-GenesysActiveConversation -Session $session
        $records.Count | Should -Be 2
        $records[0].Step | Should -Be 'Talking'
        $agent = $records[0].Participants | Where-Object { $_.Purpose -eq 'agent' -and $_.UserId -eq $talking.userId }
        $agent.Communications.State | Should -Contain 'connected'
        $agent.UserName | Should -Not -BeNullOrEmpty
        $records[0].Agent | Should -Be $agent.UserName
        $records[1].Step | Should -Be 'WaitingInQueue'
        ($records[1].Participants | Where-Object Purpose -eq 'acd').Communications.State | Should -Contain 'connected'
        @($records[1].Participants | Where-Object Purpose -eq 'agent' | Where-Object { $_.Communications.State -contains 'connected' }).Count | Should -Be 0
    }

    It 'records of the history search pipe in by their ConversationId' {
        $record = Search-GenesysConversationHistory -StartTime $instant.AddHours(-1) -EndTime $instant -IncludeActive -Session $session | Where-Object IsActive | Select-Object -First 1
        ($record | Get-GenesysActiveConversation -Session $session).ConversationId | Should -Be $record.ConversationId
    }

    It 'an agent on hold shows OnHold with the held flag' {
        # Step the frozen clock until some agent has a caller on hold.
        $held = $null
        for ($i = 0; -not $held -and $i -lt 60; $i++) {
            $held = Get-Live | Where-Object step -eq 'hold' | Select-Object -First 1
            if (-not $held) { $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = 30 } }
        }
        $held | Should -Not -BeNullOrEmpty
        $record = Get-GenesysActiveConversation -ConversationId $held.conversationId -Session $session
        $record.Step | Should -Be 'OnHold'
        ($record.Participants.Communications | Where-Object Held).Count | Should -BeGreaterThan 0
    }
}

Describe '-Mine' {
    BeforeEach { Reset-Emulator $emulator; Set-Instant $instant }

    It 'a user token lists that user''s conversations' {
        $busy = Get-Live | Where-Object userId | Select-Object -First 1
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ userId = $busy.userId; expiresInSeconds = 3600 }).access_token
        $session = Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl -PassThru
        $mine = Get-GenesysActiveConversation -Mine -Session $session
        $expected = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { $_.userIds -contains $busy.userId }).conversationId
        Assert-SameSet $mine.ConversationId $expected
    }

    It 'a client-credentials session gets an error that says why and what to do' {
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $failure = { Get-GenesysActiveConversation -Mine -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.UserContextRequired,*'
        $failure.Exception.Message | Should -Match 'client-credentials token has no user'
        $failure.Exception.Message | Should -Match '-AccessToken'
    }
}

Describe 'Bad input and missing permissions' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It 'an unknown queue name' {
        $failure = { Get-GenesysActiveConversation -QueueId 'No Such Queue' -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match "No queue is named 'No Such Queue'"
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -like '/api/v2/analytics/*').Count | Should -Be 0
    }

    It 'a malformed conversation id: a non-terminating error naming the id, the other ids still answered' {
        $good = (Get-Live | Select-Object -First 1).conversationId
        $records = Get-GenesysActiveConversation -ConversationId 'not-an-id', $good -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidArgument,*'
        $failures[0].Exception.Message | Should -Match "'not-an-id' is not a conversation id"
        $failures[0].TargetObject | Should -Be 'not-an-id'
    }

    It 'a conversation that does not exist: ObjectNotFound' {
        $null = Get-GenesysActiveConversation -ConversationId ([guid]::NewGuid()) -Session $session -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'a 403 names the missing permission' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('analytics:conversationDetail:view', 'analytics:agentConversationDetail:view') }
        $failure = { Get-GenesysActiveConversation -Session $session } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.Exception.Message | Should -Match 'analytics:conversationDetail:view'
    }
}

Describe 'CSV export' {
    It 'every cell is a scalar' {
        Reset-Emulator $emulator; Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $path = Join-Path ([IO.Path]::GetTempPath()) "live-$([guid]::NewGuid()).csv"
        try {
            Get-GenesysActiveConversation -Session $session | Export-Csv -Path $path -NoTypeInformation
            (Import-Csv $path).Count | Should -BeGreaterThan 5
            Get-Content $path -Raw | Should -Not -Match 'System\.|\[\]|@\{|GenesysConvo\.'
        } finally { Remove-Item $path -ErrorAction Ignore }
    }
}
