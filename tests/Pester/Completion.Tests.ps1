# Tab completion as a console asks for it (TabExpansion2): names from the connected org for -QueueId, -UserId and
# -WrapUpCode, compared with the emulator's org; -TimeZone and -Granularity; nothing when not connected.
BeforeDiscovery {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    # Every cmdlet that has the parameter, so a new cmdlet with one is held to the same completion.
    $cases = foreach ($parameter in 'QueueId', 'UserId', 'WrapUpCode', 'TimeZone', 'Granularity') {
        foreach ($command in Get-Command -Module GenesysConvo | Where-Object { $_.Parameters.ContainsKey($parameter) }) {
            @{ Command = $command.Name; Parameter = $parameter }
        }
    }
    $orgCases = @($cases | Where-Object { $_.Parameter -in 'QueueId', 'UserId', 'WrapUpCode' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $org = Invoke-EmulatorControl $emulator 'org'
    # What the user sees after Tab at the end of the line.
    function Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
    function Quote([string] $Name) { if ($Name -match '^[\w.@+/:][\w.@+/:-]*$') { $Name } else { "'" + ($Name -replace "'", "''") + "'" } }
    # A prefix that needs quotes, and the org's names of one kind that start with it.
    $user = $org.users | Where-Object { $_.name -like "*'*" -and $_.state -ne 'deleted' } | Select-Object -First 1
    $prefixes = @{
        QueueId    = @{ Typed = "'Customer Care"; Names = @($org.queues.name -like 'Customer Care*') }
        UserId     = @{ Typed = "'" + $user.name.Substring(0, $user.name.IndexOf("'")); Names = @(($org.users | Where-Object { $_.state -ne 'deleted' -and $_.name.StartsWith($user.name.Substring(0, $user.name.IndexOf("'"))) }).name) }
        WrapUpCode = @{ Typed = "'Technical Issue"; Names = @($org.wrapupCodes.name -like 'Technical Issue*') }
    }
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Names from the connected org' {
    BeforeEach { $session = Connect-Emulator $emulator -With @{ PassThru = $true } }

    It '<Command> -<Parameter> completes the org''s names that start with what was typed, quoted' -ForEach $orgCases {
        $expected = $prefixes[$Parameter]
        $expected.Names.Count | Should -BeGreaterThan 0 -Because 'the emulator has names with this prefix'
        $completions = Complete "$Command -$Parameter $($expected.Typed)"
        ($completions.ListItemText | Sort-Object) -join '|' | Should -Be (($expected.Names | Sort-Object -Unique) -join '|')
        foreach ($completion in $completions) {
            $completion.CompletionText | Should -Be (Quote $completion.ListItemText)
            $completion.ResultType | Should -Be 'ParameterValue'
        }
    }

    It 'a completed name binds: the quoted user name is taken by the cmdlet' {
        $completion = (Complete "Get-GenesysActiveConversation -UserId $($prefixes.UserId.Typed)")[0]
        $completion.CompletionText | Should -Match "''"
        $to = [DateTimeOffset]::new([DateTime]::UtcNow.Date, [TimeSpan]::Zero)
        { Invoke-Expression "Get-GenesysConversationMetric -UserId $($completion.CompletionText) -StartTime `$to.AddHours(-1) -EndTime `$to -Metric nOffered" } |
            Should -Not -Throw
    }

    It 'a single word needs no quotes, and the prefix may be typed without them' {
        $completions = Complete 'Search-GenesysConversationHistory -QueueId Bill'
        $completions.CompletionText | Should -Contain 'Billing'
        $completions.CompletionText | Should -Contain "'Billing - Disputes'"
    }

    It 'is cached for the session: the same Tab again sends nothing' {
        $null = Complete 'Search-GenesysConversationHistory -WrapUpCode Refund'
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        (Complete 'Search-GenesysConversationHistory -WrapUpCode Refund').ListItemText | Should -Be 'Refund Issued'
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }

    It 'gives up after about a second when the org is slow, and the late answer serves the next Tab' {
        $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body @{ pathPrefix = '/api/v2/routing/queues'; kind = 'latency'; latencyMs = 3000 }
        try {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $first = Complete 'Get-GenesysConversationMetric -QueueId Sales'
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5 -Because 'completion must not hang the console on a 3-second answer'
            $first.Count | Should -Be 0
            Start-Sleep -Milliseconds 3500
            $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
            (Complete 'Get-GenesysConversationMetric -QueueId Sales').ListItemText | Should -Be @($org.queues.name -like 'Sales*' | Sort-Object)
            @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
        } finally { $null = Invoke-EmulatorControl $emulator 'faults' -Method DELETE }
    }

    It 'uses the session typed with -Session' {
        $other = Connect-Emulator $emulator -With @{ PassThru = $true }
        Disconnect-GenesysCloud -Session $other   # the current session is gone; $session is still connected
        Complete 'Search-GenesysConversationHistory -QueueId Bill' | Should -BeNullOrEmpty
        (Complete 'Search-GenesysConversationHistory -Session $session -QueueId Bill').CompletionText | Should -Contain 'Billing'
    }
}

Describe 'Not connected' {
    It '<Command> -<Parameter> completes nothing and sends nothing' -ForEach $orgCases {
        Connect-Emulator $emulator
        Disconnect-GenesysCloud   # the current session: no other is named on the line
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        Complete "$Command -$Parameter Bill" | Should -BeNullOrEmpty
        Complete "$Command -$Parameter " | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }
}

Describe 'Time zones and granularities' {
    It '<Command> -<Parameter> completes from the machine''s zones or the API''s durations' -ForEach @($cases | Where-Object { $_.Parameter -in 'TimeZone', 'Granularity' }) {
        if ($Parameter -eq 'TimeZone') {
            (Complete "$Command -TimeZone Europe/Lon").CompletionText | Should -Be 'Europe/London'
            (Complete "$Command -TimeZone America/Port-au").CompletionText | Should -Be 'America/Port-au-Prince' -Because 'a dash inside a word needs no quotes'
            (Complete "$Command -TimeZone London").CompletionText | Should -Be 'Europe/London'
            (Complete "$Command -TimeZone UT").CompletionText | Should -Contain 'UTC'
            foreach ($id in (Complete "$Command -TimeZone America/").CompletionText) { { [TimeZoneInfo]::FindSystemTimeZoneById($id) } | Should -Not -Throw }
        } else {
            (Complete "$Command -Granularity PT").CompletionText -join ',' | Should -Be 'PT15M,PT30M,PT1H,PT4H,PT12H'
            (Complete "$Command -Granularity P1").CompletionText -join ',' | Should -Be 'P1D,P1M'
            (Complete "$Command -Granularity ").Count | Should -Be 8
        }
    }

    It 'each completed granularity is one the cmdlet takes' {
        $month = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-40).AddDays(1 - [DateTime]::UtcNow.Date.AddDays(-40).Day), [TimeSpan]::Zero)
        foreach ($granularity in (Complete 'Get-GenesysConversationMetric -Granularity ').CompletionText) {
            $end = switch ($granularity) { 'P1M' { $month.AddMonths(1) } 'P7D' { $month.AddDays(7) } default { $month.AddDays(1) } }
            { Get-GenesysConversationMetric -StartTime $month -EndTime $end -Granularity $granularity -TimeZone UTC -Metric nOffered -Session $session } |
                Should -Not -Throw -Because "$granularity is offered"
        }
    }
}
