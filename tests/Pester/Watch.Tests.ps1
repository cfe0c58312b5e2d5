# Watch-GenesysConversation against the emulator's notifications API and its ground truth of every event it computed
# (/__emulator/notifications/events: delivered, or lost while no socket listened). Every watch runs in its own runspace
# with -Timeout, and every wait here has a deadline: nothing can hang the run.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $modulePath = $env:GENESYSCONVO_MODULE_PATH
    $emulator = Start-GenesysEmulator
    $instant = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1).AddHours(15).AddMinutes(7), [TimeSpan]::Zero)
    $stepNames = @{ ivr = 'InIvr'; routing = 'Unknown'; queue = 'WaitingInQueue'; alerting = 'Alerting'; dialing = 'Alerting'
                    talking = 'Talking'; hold = 'OnHold'; wrapup = 'AfterCallWork'; ended = 'Ended' }

    function Set-Instant([DateTimeOffset] $At) {
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = $At.UtcDateTime.ToString('o'); frozen = $true }
    }
    function Move-Clock([double] $Seconds) { $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = $Seconds } }
    function Wait-Until([scriptblock] $Condition, [string] $What, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting for $What." }
            Start-Sleep -Milliseconds 100
        }
    }
    function Get-Channels { @((Invoke-EmulatorControl $emulator 'notifications').channels) }
    function Get-Truth([string] $Topic) { @(Invoke-EmulatorControl $emulator "notifications/events?topic=$Topic") }
    function Get-LiveIn([string] $QueueId) {
        @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { -not $_.conversationEnd -and $_.queueId -eq $QueueId })
    }
    function Start-Watch([hashtable] $Parameters) {
        <# Watch-GenesysConversation in a runspace of its own, its records collected as they come. #>
        $ps = [PowerShell]::Create()
        $null = $ps.AddScript({
            param($Module, $Parameters)
            Import-Module $Module
            Watch-GenesysConversation @Parameters
        }).AddArgument($modulePath).AddArgument($Parameters)
        $output = [Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $ps.BeginInvoke([Management.Automation.PSDataCollection[psobject]]::new(), $output)
        [pscustomobject]@{ PowerShell = $ps; Output = $output; Handle = $handle }
    }
    function Stop-Watch($Watch) {
        if (-not $Watch.Handle.IsCompleted) { $Watch.PowerShell.Stop() }
        $Watch.PowerShell.Dispose()
    }
    function Get-Records($Watch) {
        # By index: enumerating a PSDataCollection still open would wait for it to close (the end of the watch).
        $output = $Watch.Output
        $count = $output.Count
        @(for ($i = 0; $i -lt $count; $i++) { $output[$i] })
    }
    function Get-Changes($Watch) { @(Get-Records $Watch | Where-Object { $_.Change -notin 'Snapshot', 'Gap' }) }
    function Wait-Connected([int] $Connections = 1) {
        Wait-Until { @(Get-Channels | Where-Object { $_.connected -and $_.connections -ge $Connections }).Count -gt 0 } "a connected channel ($Connections connections)"
    }
    function Wait-InSync($Watch, [string] $Topic) {
        # The emulator sends an event before it records it, and its pump may still be sending when the counts first
        # meet: in sync means equal on two polls half a second apart (the pump runs every 100 ms) with nothing new.
        $last = @{ Count = -1 }
        Wait-Until {
            $delivered = @(Get-Truth $Topic | Where-Object delivered).Count
            $settled = (Get-Changes $Watch).Count -eq $delivered -and $delivered -eq $last.Count
            $last.Count = $delivered
            if (-not $settled) { Start-Sleep -Milliseconds 400 }
            $settled
        } 'every delivered event written'
    }
    function Assert-SameEvents($Watch, [string] $Topic) {
        # Per conversation, the steps written equal the steps of the events delivered, in order: none missed, none twice.
        $truth = @(Get-Truth $Topic | Where-Object delivered)
        $written = Get-Changes $Watch
        $written.Count | Should -Be $truth.Count
        foreach ($group in $truth | Group-Object conversationId) {
            $expected = @($group.Group | ForEach-Object { $stepNames[$_.step] })
            $actual = @($written | Where-Object ConversationId -eq $group.Name | ForEach-Object { "$($_.Step)" })
            ($actual -join ',') | Should -Be ($expected -join ',') -Because "conversation $($group.Name)"
        }
    }
    function Assert-SnapshotAfterLastGap($Watch, [string] $QueueId) {
        # The re-read after the gap: Snapshot records, equal to the live set of the queue at that (frozen) instant.
        $live = Get-LiveIn $QueueId
        function Get-SnapshotAfterLastGap {
            $records = Get-Records $Watch
            $gap = [array]::FindLastIndex([object[]]$records, [Predicate[object]] { param($r) $r.Change -eq 'Gap' })
            $gap | Should -BeGreaterOrEqual 0 -Because 'a gap marker is written after the interruption'
            if ($gap -eq $records.Count - 1) { return @() }
            @($records[($gap + 1)..($records.Count - 1)] | Where-Object Change -eq 'Snapshot' | Where-Object QueueId -eq $QueueId)
        }
        Wait-Until { (Get-SnapshotAfterLastGap).Count -ge $live.Count } 'the re-read after the gap'
        $snapshot = Get-SnapshotAfterLastGap
        @($snapshot.ConversationId | Sort-Object) -join ',' | Should -Be (@($live.conversationId | Sort-Object) -join ',')
    }

    # The first details query of a fresh emulator is slow (it builds its indexes): pay for it once here.
    Set-Instant $instant
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    $null = Get-GenesysActiveConversation -Session $session
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Watch-GenesysConversation' {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $queueId = (Invoke-EmulatorControl $emulator 'live').conversations | Where-Object queueId | Group-Object queueId |
            Sort-Object Count -Descending | Select-Object -First 1 -ExpandProperty Name
        $topic = "v2.routing.queues.$queueId.conversations"
        $watch = $null
    }
    AfterEach { if ($watch) { Stop-Watch $watch } }

    It 'writes the events of a watched queue over an emulated hour exactly as the emulator sent them' {
        $watch = Start-Watch @{ QueueId = $queueId; Session = $session; Timeout = 120 }
        Wait-Connected
        foreach ($minute in 1..60) { Move-Clock 60; Start-Sleep -Milliseconds 40 }
        Wait-InSync $watch $topic
        @(Get-Truth $topic).Count | Should -BeGreaterThan 20 -Because 'a busy queue changes often in an hour'
        @(Get-Truth $topic | Where-Object { -not $_.delivered }).Count | Should -Be 0
        Assert-SameEvents $watch $topic
        @(Get-Records $watch | Where-Object Change -eq 'Gap').Count | Should -Be 0
        Get-Records $watch | ForEach-Object { $_ | Should -BeOfType ([GenesysConvo.ConversationEvent]) }
        (Get-Records $watch | Where-Object Agent | Select-Object -First 1).Agent | Should -Not -Match '^[0-9a-f]{8}-'
    }

    It 'marks a gap and re-reads the true state after a dropped socket, socket_closing, channel expiry and token expiry' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 1800 }
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $watch = Start-Watch @{ QueueId = $queueId; Session = $session; Timeout = 150 }
        Wait-Connected
        $seen = @{ Gaps = 0 }
        function Wait-Gap {
            Wait-Until { @(Get-Records $watch | Where-Object Change -eq 'Gap').Count -gt $seen.Gaps } 'a gap marker'
            $seen.Gaps++
        }

        # A dropped socket, then five minutes no socket listens: those events are lost (the ground truth says so).
        $channel = (Get-Channels)[0].id
        $null = Invoke-EmulatorControl $emulator "notifications/channels/$channel/drop" -Method POST -Body @{ advanceSeconds = 300 }
        @(Get-Truth $topic | Where-Object { -not $_.delivered }).Count | Should -BeGreaterThan 0
        Wait-Gap
        Assert-SnapshotAfterLastGap $watch $queueId

        foreach ($minute in 1..5) { Move-Clock 60; Start-Sleep -Milliseconds 40 }
        $null = Invoke-EmulatorControl $emulator "notifications/channels/$channel/closing" -Method POST -Body @{ graceSeconds = 5 }
        Wait-Gap
        Assert-SnapshotAfterLastGap $watch $queueId

        foreach ($minute in 1..5) { Move-Clock 60; Start-Sleep -Milliseconds 40 }
        $null = Invoke-EmulatorControl $emulator "notifications/channels/$channel/expire" -Method POST -Body @{ advanceSeconds = 120 }
        Wait-Gap
        Assert-SnapshotAfterLastGap $watch $queueId
        @(Get-Channels).Count | Should -Be 1 -Because 'a new channel replaced the expired one'

        # The session's token expires (emulated time): its channel dies with it; a new token and a new channel follow.
        Move-Clock 1800
        Wait-Gap
        Assert-SnapshotAfterLastGap $watch $queueId
        @(Get-EmulatorRequest $emulator -Login).Count | Should -BeGreaterThan 1 -Because 'the token was renewed'

        foreach ($minute in 1..5) { Move-Clock 60; Start-Sleep -Milliseconds 40 }
        Wait-InSync $watch $topic
        Assert-SameEvents $watch $topic
    }

    It '-IncludeSnapshot starts from the true live set' {
        $watch = Start-Watch @{ QueueId = $queueId; Session = $session; Timeout = 30; IncludeSnapshot = $true }
        $live = Get-LiveIn $queueId
        Wait-Until { $watch.Output.Count -ge $live.Count } 'the snapshot'
        Start-Sleep -Milliseconds 300
        $snapshot = @(Get-Records $watch | Where-Object Change -eq 'Snapshot')
        $snapshot.Count | Should -Be $watch.Output.Count -Because 'nothing but the snapshot came yet (the clock is frozen)'
        @($snapshot.ConversationId | Sort-Object) -join ',' | Should -Be (@($live.conversationId | Sort-Object) -join ',')
        foreach ($truth in $live) {
            "$(($snapshot | Where-Object ConversationId -eq $truth.conversationId).Step)" | Should -Be $stepNames[$truth.step]
        }
    }

    It 'reports a topic without permission by name' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('conversation:communication:view') }
        $failure = { Watch-GenesysConversation -QueueId $queueId -Timeout 5 -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.PermissionDenied*'
        $failure.Exception.Message | Should -Match ([regex]::Escape("$topic needs the permission conversation:communication:view"))

        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('analytics:conversationDetail:view') }
        $conversationId = (Get-LiveIn $queueId)[0].conversationId
        $null = Watch-GenesysConversation -QueueId $queueId -ConversationId $conversationId -Timeout 3 -Session $session -WarningVariable warnings 3>$null
        ($warnings -join "`n") | Should -Match ([regex]::Escape("v2.detail.events.conversation.$conversationId.acd.start"))
        ($warnings -join "`n") | Should -Match 'analytics:conversationDetail:view'
    }

    It 'refuses bad input before any request, naming the fix' -ForEach @(
        @{ Parameters = @{}; Message = '*Nothing to watch: give -QueueId, -UserId or -ConversationId*' }
        @{ Parameters = @{ ConversationId = 'not-a-guid' }; Message = "*-ConversationId 'not-a-guid' is not a conversation id*" }
    ) {
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        $failure = { Watch-GenesysConversation @Parameters -Timeout 5 -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidWatch*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -BeLike $Message
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }

    It 'stops within a second on Ctrl+C and deletes its subscriptions' {
        $watch = Start-Watch @{ QueueId = $queueId; Session = $session; Timeout = 60 }
        Wait-Connected
        $channel = (Get-Channels)[0].id
        $elapsed = [Diagnostics.Stopwatch]::StartNew()
        $watch.PowerShell.Stop()
        $elapsed.Stop()
        $elapsed.ElapsedMilliseconds | Should -BeLessThan 1000
        $watch.Handle.IsCompleted | Should -BeTrue
        $delete = @(Get-EmulatorRequest $emulator -Api | Where-Object { $_.method -eq 'DELETE' -and $_.path -eq "/api/v2/notifications/channels/$channel/subscriptions" })
        $delete.Count | Should -Be 1
        $delete[0].status | Should -Be 204
        @((Get-Channels | Where-Object id -eq $channel).topics).Count | Should -Be 0
    }

    It 'follows one conversation from the pipeline until it ends' {
        $waiting = (Invoke-EmulatorControl $emulator 'live').conversations | Where-Object step -eq 'queue' | Select-Object -First 1
        $watch = Start-Watch @{ ConversationId = $waiting.conversationId; Session = $session; Timeout = 60; IncludeSnapshot = $true }
        Wait-Connected
        foreach ($step in 1..40) { if ($watch.Handle.IsCompleted) { break }; Move-Clock 600; Start-Sleep -Milliseconds 150 }
        Wait-Until { $watch.Handle.IsCompleted } 'the watch to end by itself'
        $records = Get-Records $watch
        $records[0].Change | Should -Be 'Snapshot'
        $records[-1].Step | Should -Be 'Ended'
        $truth = @(Invoke-EmulatorControl $emulator 'notifications/events' | Where-Object { $_.conversationId -eq $waiting.conversationId -and $_.delivered })
        @($records | Where-Object Change -ne 'Snapshot').Count | Should -Be $truth.Count
        @($records | Where-Object Change -in 'LeftQueue', 'Abandoned').Count | Should -Be 1 -Because 'its wait in the queue ended once'
    }
}

Describe "The emulator's notifications API" {
    BeforeEach {
        Reset-Emulator $emulator
        Set-Instant $instant
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 3600 }
        $basic = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("$($emulator.ClientId):$($emulator.ClientSecret)"))
        $token = (Invoke-RestMethod -Method Post -Uri "$($emulator.LoginUrl)/oauth/token" -Headers @{ Authorization = "Basic $basic" } `
            -Body @{ grant_type = 'client_credentials' } -ContentType 'application/x-www-form-urlencoded').access_token
        $headers = @{ Authorization = "Bearer $token" }
        $channel = Invoke-RestMethod -Method Post -Uri "$($emulator.ApiUrl)/api/v2/notifications/channels" -Headers $headers
        $socket = [Net.WebSockets.ClientWebSocket]::new()
        $buffer = [byte[]]::new(65536)
        function Send-Text([string] $Text) {
            $null = $socket.SendAsync([ArraySegment[byte]][Text.Encoding]::UTF8.GetBytes($Text), 'Text', $true, [Threading.CancellationToken]::None).Wait(5000)
        }
        function Receive-Text {
            # One message within 5 s, or $null (never an unbounded wait).
            $read = $socket.ReceiveAsync([ArraySegment[byte]]$buffer, [Threading.CancellationToken]::None)
            if (-not $read.Wait(5000)) { return $null }
            if ($read.Result.MessageType -eq 'Close') { return 'closed' }
            [Text.Encoding]::UTF8.GetString($buffer, 0, $read.Result.Count)
        }
    }
    AfterEach { $socket.Dispose() }

    It 'answers a ping, subscribes over the socket, heartbeats, and ends an expired channel with a 404 message' {
        $channel.connectUri | Should -Match '^ws://127\.0\.0\.1:\d+/channels/streaming-\d+-[a-z0-9]+$'
        ([DateTimeOffset]$channel.expires - $instant).TotalHours | Should -Be 24
        $socket.ConnectAsync([uri]$channel.connectUri, [Threading.CancellationToken]::None).Wait(5000) | Should -BeTrue

        Send-Text '{"message":"ping"}'
        (Receive-Text | ConvertFrom-Json).eventBody.message | Should -Be 'pong'
        Send-Text '{"message":"subscribe","topics":["v2.users.00000000-0000-0000-0000-000000000001.conversations"],"correlationId":"x1"}'
        $answer = Receive-Text | ConvertFrom-Json
        $answer.status | Should -Be 'subscribed'
        $answer.correlationId | Should -Be 'x1'
        (Invoke-EmulatorControl $emulator 'notifications').channels[0].topics | Should -Be 'v2.users.00000000-0000-0000-0000-000000000001.conversations'

        $null = Invoke-EmulatorControl $emulator 'notifications/config' -Method PUT -Body @{ heartbeatSeconds = 0.5 }
        (Receive-Text | ConvertFrom-Json).eventBody.message | Should -Be 'WebSocket Heartbeat'

        $null = Invoke-EmulatorControl $emulator "notifications/channels/$($channel.id)/expire" -Method POST
        do { $message = Receive-Text } while ($message -like '*Heartbeat*')
        ($message | ConvertFrom-Json).result | Should -Be '404'
        $again = [Net.WebSockets.ClientWebSocket]::new()
        { $again.ConnectAsync([uri]$channel.connectUri, [Threading.CancellationToken]::None).Wait(5000) } | Should -Throw
        $again.Dispose()
    }

    It 'rejects a topic without permission (403, or Rejected with ignoreErrors) and more than 1,000 topics' {
        $uri = "$($emulator.ApiUrl)/api/v2/notifications/channels/$($channel.id)/subscriptions"
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('conversation:communication:view') }
        $topic = 'v2.routing.queues.00000000-0000-0000-0000-000000000002.conversations'
        $denied = { Invoke-RestMethod -Method Put -Uri $uri -Headers $headers -ContentType 'application/json' -Body "[{`"id`":`"$topic`"}]" } |
            Should -Throw -PassThru
        $denied.Exception.Response.StatusCode.value__ | Should -Be 403
        $answer = Invoke-RestMethod -Method Put -Uri "$uri`?ignoreErrors=true" -Headers $headers -ContentType 'application/json' -Body "[{`"id`":`"$topic`"}]"
        $answer.entities[0].state | Should -Be 'Rejected'
        $answer.entities[0].missingPermissions | Should -Be 'conversation:communication:view'

        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @() }
        $many = '[' + ((1..1001 | ForEach-Object { '{{"id":"v2.users.00000000-0000-0000-0000-{0:d12}.conversations"}}' -f $_ }) -join ',') + ']'
        $tooMany = { Invoke-RestMethod -Method Put -Uri $uri -Headers $headers -ContentType 'application/json' -Body $many } | Should -Throw -PassThru
        $tooMany.Exception.Response.StatusCode.value__ | Should -Be 400
    }
}
