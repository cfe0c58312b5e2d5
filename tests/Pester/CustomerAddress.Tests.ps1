# The customer's address on every media and direction (docs/genesys-api.md §2.8), in history records, expanded rows
# and live records, compared with the emulator's ground truth: its raw records say which field holds the customer.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    $ourNumbers = 'tel:+18005550100', '+18005550100'

    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    # Eight busy hours of the previous UTC day: every media and direction occurs.
    $from = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1).AddHours(8), [TimeSpan]::Zero)
    $to = $from.AddHours(8)
    $truth = @((Invoke-EmulatorControl $emulator "conversations?from=$(Format-Utc $from)&to=$(Format-Utc $to)&limit=100000").conversations |
            Where-Object conversationEnd)
    $records = @{}
    Search-GenesysConversationHistory -StartTime $from -EndTime $to -Session $session | ForEach-Object { $records[$_.ConversationId] = $_ }

    function Get-CustomerSession($Conversation) {
        foreach ($p in $Conversation.participants) { if ($p.purpose -in 'customer', 'external') { return $p.sessions[0] } }
    }
    # The conversations of each media and direction of the customer's session.
    $byKind = @{}
    foreach ($conversation in $truth) {
        $s = Get-CustomerSession $conversation
        $key = "$($s.mediaType)/$($s.direction)"
        if (-not $byKind[$key]) { $byKind[$key] = [System.Collections.Generic.List[object]]::new() }
        $byKind[$key].Add($conversation)
    }
    function Get-Cases([string] $Media, [string] $Direction) { @($byKind["$Media/$Direction"]) }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'History records name the customer' {
    It '<Case>' -ForEach @(
        @{ Case = 'inbound voice: the caller (ani)'; Media = 'voice'; Direction = 'inbound'; Field = { param($s) $s.ani } }
        @{ Case = 'outbound voice: the dialled number (dnis), not the org''s ani'; Media = 'voice'; Direction = 'outbound'; Field = { param($s) $s.dnis } }
        @{ Case = 'callback: the number to call back'; Media = 'callback'; Direction = 'inbound'; Field = { param($s) $s.callbackNumbers[0] } }
        @{ Case = 'inbound e-mail: the sender'; Media = 'email'; Direction = 'inbound'; Field = { param($s) $s.addressFrom } }
        @{ Case = 'outbound e-mail: the recipient'; Media = 'email'; Direction = 'outbound'; Field = { param($s) $s.addressTo } }
        @{ Case = 'inbound message: the sender'; Media = 'message'; Direction = 'inbound'; Field = { param($s) $s.addressFrom } }
        @{ Case = 'outbound message (SMS): the recipient'; Media = 'message'; Direction = 'outbound'; Field = { param($s) $s.addressTo } }
    ) {
        $cases = Get-Cases $Media $Direction
        $cases.Count | Should -BeGreaterThan 2 -Because "the emulator's data has $Direction $Media conversations"
        foreach ($conversation in $cases) {
            $expected = & $Field (Get-CustomerSession $conversation)
            $expected | Should -Not -BeNullOrEmpty
            $expected | Should -Not -BeIn $ourNumbers
            $records[$conversation.conversationId].CustomerAddress | Should -BeExactly $expected -Because $conversation.conversationId
        }
    }

    It 'callback: also when the number to call is not the one the request came from' {
        $other = @(Get-Cases 'callback' 'inbound' | Where-Object { $s = Get-CustomerSession $_; "tel:$($s.callbackNumbers[0])" -ne $s.ani })
        $other.Count | Should -BeGreaterThan 0
        foreach ($conversation in $other) {
            $records[$conversation.conversationId].CustomerAddress | Should -BeExactly (Get-CustomerSession $conversation).callbackNumbers[0]
        }
    }

    It 'chat without address: the customer''s name' {
        $cases = Get-Cases 'chat' 'inbound'
        $cases.Count | Should -BeGreaterThan 2
        foreach ($conversation in $cases) {
            (Get-CustomerSession $conversation).addressFrom | Should -BeNullOrEmpty -Because 'a web chat has no address'
            $customer = $conversation.participants | Where-Object purpose -eq 'customer' | Select-Object -First 1
            $records[$conversation.conversationId].CustomerAddress | Should -BeExactly $customer.participantName
        }
    }
}

Describe 'Expanded rows and live records name the same customer' {
    It 'every -Expand Participant row carries its conversation''s customer' {
        $rows = @(Search-GenesysConversationHistory -StartTime $from -EndTime $to -Expand Participant -MediaType voice -Direction outbound -Session $session)
        $rows.Count | Should -BeGreaterThan 2
        foreach ($row in $rows) { $row.CustomerAddress | Should -BeExactly $records[$row.ConversationId].CustomerAddress }
        $rows.CustomerAddress | Should -Not -Contain 'tel:+18005550100'
    }

    It 'the live list (details query) at a frozen instant, as the emulator''s live ground truth says' {
        $instant = $from.AddHours(6).AddMinutes(7)
        $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = $instant.UtcDateTime.ToString('o'); frozen = $true }
        try {
            $live = @((Invoke-EmulatorControl $emulator 'live').conversations | Where-Object { -not $_.conversationEnd })
            $live.Count | Should -BeGreaterThan 5
            $found = @{}
            Get-GenesysActiveConversation -Session $session | ForEach-Object { $found[$_.ConversationId] = $_ }
            foreach ($truth in $live) { $found[$truth.conversationId].CustomerAddress | Should -BeExactly $truth.customerAddress }
        }
        finally { Reset-Emulator $emulator }
    }

    It 'one conversation''s live state (Conversations API), for every media and direction' {
        $sample = foreach ($pair in ('voice', 'inbound'), ('voice', 'outbound'), ('callback', 'inbound'), ('email', 'inbound'),
            ('email', 'outbound'), ('message', 'inbound'), ('message', 'outbound'), ('chat', 'inbound')) {
            Get-Cases @pair | Select-Object -First 1
        }
        @($sample).Count | Should -Be 8
        $live = @($sample.conversationId | Get-GenesysActiveConversation -Session $session)
        $live.Count | Should -Be 8
        foreach ($record in $live) { $record.CustomerAddress | Should -BeExactly $records[$record.ConversationId].CustomerAddress }
    }
}
