# The small things a new admin trips over first (issue 11, problem 6): what -Verbose says about where it connects, where
# an error puts its correlation id, what a wrong -ClientSecret / -AccessToken / -Filter is told, how fast an unreachable
# login host fails, -Debug in a host that cannot prompt, and the defaults Get-Help shows.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $secret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force
    $variables = 'GENESYSCLOUD_REGION', 'GENESYSCLOUD_OAUTHCLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_SECRET', 'GENESYSCLOUD_ACCESS_TOKEN',
        'GENESYSCLOUD_API_BASE_URI', 'GENESYSCLOUD_LOGIN_BASE_URI'
    $savedEnvironment = @{}
    foreach ($name in $variables) { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
    function Clear-GenesysEnvironment { foreach ($name in $variables) { [Environment]::SetEnvironmentVariable($name, $null) } }

    # The verbose lines of a command, as text.
    function Get-VerboseText([scriptblock] $Command) {
        (& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
    }
}

AfterAll {
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Connect-GenesysCloud -Verbose names the endpoints it really uses' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'with -ApiBaseUri and -LoginBaseUri: those URLs, and no word of the default region' {
        $text = Get-VerboseText { Connect-Emulator $emulator -With @{ Verbose = $true } }
        $text | Should -Match ([regex]::Escape("Connecting to $($emulator.ApiUrl)/ (login $($emulator.LoginUrl)/)"))
        $text | Should -Not -Match 'us-east-1|mypurecloud'
    }

    It 'with GENESYSCLOUD_API_BASE_URI and GENESYSCLOUD_LOGIN_BASE_URI: the variables and their URLs, no default region' {
        $env:GENESYSCLOUD_API_BASE_URI = $emulator.ApiUrl
        $env:GENESYSCLOUD_LOGIN_BASE_URI = $emulator.LoginUrl
        $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId
        $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
        $text = Get-VerboseText { Connect-GenesysCloud -Verbose }
        $text | Should -Match ([regex]::Escape("GENESYSCLOUD_API_BASE_URI = $($emulator.ApiUrl)/"))
        $text | Should -Match ([regex]::Escape("Connecting to $($emulator.ApiUrl)/ (login $($emulator.LoginUrl)/)"))
        $text | Should -Not -Match 'us-east-1|mypurecloud'
    }

    It 'without any endpoint: says the default region it falls back to' {
        # No credentials anywhere: it stops before any request, after saying where it would have gone.
        $text = Get-VerboseText { try { Connect-GenesysCloud -Verbose -ErrorAction Stop } catch { } }
        $text | Should -Match 'No -Region or GENESYSCLOUD_REGION: using us-east-1 \(mypurecloud.com\)'
    }
}

Describe 'A failed API call shows its correlation id on a line of its own' {
    BeforeAll { Connect-Emulator $emulator }

    It 'in ConciseView: the message ends with a "Correlation id:" line, the recommendation is only the fix' {
        $ErrorView = 'ConciseView'
        $failure = { Invoke-GenesysCloudRequest /api/v2/users/00000000-0000-0000-0000-000000000000 } | Should -Throw -PassThru
        $id = $failure.Exception.CorrelationId
        $id | Should -Match '^[0-9a-f-]{36}$'
        $failure.ErrorDetails.RecommendedAction | Should -Be 'Check the id or path.'
        $failure.ErrorDetails.Message | Should -Match "(?m)^Correlation id: $id$"
        # ConciseView reflows a script's error message to the window: compare words, not line breaks.
        $shown = ($failure | Out-String -Width 300) -replace '[\s|]+', ' '
        $shown | Should -Match "Correlation id: $id"
        $shown | Should -Match 'Recommendation: Check the id or path\.'
        ([regex]::Matches($shown, 'Check the id or path')).Count | Should -Be 1 -Because 'the fix is said once'
    }

    It 'in NormalView (and Windows PowerShell): one message with the fix, then the correlation id line' {
        $ErrorView = 'NormalView'
        $failure = { Invoke-GenesysCloudRequest /api/v2/users/00000000-0000-0000-0000-000000000000 } | Should -Throw -PassThru
        $failure.ErrorDetails | Should -BeNullOrEmpty
        $failure.Exception.Message | Should -Match "Check the id or path\.\r?\nCorrelation id: $($failure.Exception.CorrelationId)$"
    }
}

Describe 'A plain string for -ClientSecret or -AccessToken gets the fix, never an echo of the value' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It '-ClientSecret: names Read-Host -AsSecureString, -Credential and GENESYSCLOUD_OAUTHCLIENT_SECRET, before any request' {
        $plain = 'plain-text-secret-4711'
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $plain -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        $failure.Exception.Message | Should -Match "-ClientSecret \(Read-Host 'Client secret' -AsSecureString\)"
        $failure.Exception.Message | Should -Match '-Credential'
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_OAUTHCLIENT_SECRET'
        "$failure $($failure.Exception) $($failure.Exception.InnerException)" | Should -Not -Match $plain
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 0
    }

    It '-AccessToken: names ConvertTo-SecureString and GENESYSCLOUD_ACCESS_TOKEN' {
        $plain = 'plain-text-token-0815'
        $failure = { Connect-GenesysCloud -AccessToken $plain -ApiBaseUri $emulator.ApiUrl } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match ([regex]::Escape('-AccessToken (ConvertTo-SecureString $token -AsPlainText -Force)'))
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_ACCESS_TOKEN'
        "$failure $($failure.Exception) $($failure.Exception.InnerException)" | Should -Not -Match $plain
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }

    It 'a SecureString still binds' {
        (Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl -PassThru).ClientId |
            Should -Be $emulator.ClientId
    }
}

Describe 'A -Filter or -Query that is not JSON: what it takes, an example, the parameter' {
    BeforeAll { Connect-Emulator $emulator }
    BeforeEach { Reset-Emulator $emulator }

    It '<Command> <Parameter>: names the parameter and gives an example, not the parser''s words' -ForEach @(
        @{ Command = 'Search-GenesysConversationHistory'; Parameter = 'Filter'; Example = '-Filter @{ segmentFilters = @(' }
        @{ Command = 'Export-GenesysConversationHistory'; Parameter = 'Filter'; Example = '-Filter @{ segmentFilters = @(' }
        @{ Command = 'Get-GenesysConversationMetric'; Parameter = 'Filter'; Example = "-Filter @{ type = 'and'; predicates = @(" }
        @{ Command = 'Search-GenesysConversationHistory'; Parameter = 'Query'; Example = '-Query @{ ' }
        @{ Command = 'Get-GenesysConversationMetric'; Parameter = 'Query'; Example = "-Query @{ groupBy = @('queueId')" }
    ) {
        $arguments = @{ $Parameter = "queueId = 'Support'" }
        if ($Command -eq 'Get-GenesysConversationMetric') { $arguments.Metric = 'nOffered' }
        if ($Command -eq 'Export-GenesysConversationHistory') { $arguments.Path = Join-Path $TestDrive 'export.csv' }
        $failure = { & $Command @arguments } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.Invalid*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match "^-$Parameter takes .*, as a hashtable or its JSON text, but the text given is not valid JSON \(it stops being JSON at line 1, character 1\)\."
        $failure.Exception.Message | Should -Match ([regex]::Escape("For example: $Example"))
        $failure.Exception.Message | Should -Not -Match 'invalid start of a value|BytePositionInLine'
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 0
    }
}

Describe 'A login host that refuses the connection fails the first login at once' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'one attempt, well under 2 s, naming the URL it could not reach and -Region / -LoginBaseUri / the variable' {
        # A loopback port nothing listens on: taken, then given back.
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $closed = "http://127.0.0.1:$port"
        Disconnect-GenesysCloud -ErrorAction Ignore
        # The default retry settings: a refused first login is not retried whatever they say.
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $closed } |
            Should -Throw -PassThru
        $clock.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.Connection,*'
        $failure.Exception.Attempts | Should -Be 1
        $failure.Exception.Message | Should -Match ([regex]::Escape("$closed/oauth/token"))
        $failure.Exception.Message | Should -Match '-Region or -LoginBaseUri'
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_LOGIN_BASE_URI'
        Get-GenesysCloudContext | Should -BeNullOrEmpty
    }
}

Describe '-Debug writes the trace without asking at every line' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'in this non-interactive host: -Debug completes, with the debug lines in the debug stream' {
        Connect-Emulator $emulator
        $records = Invoke-GenesysCloudRequest /api/v2/organizations/me -Debug 5>&1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        $debug.Message | Where-Object { $_ -like 'GET /api/v2/organizations/me response body: *' } | Should -Not -BeNullOrEmpty
        ($records | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] }).name |
            Should -Not -BeNullOrEmpty -Because 'the command went on to write its result'
    }

    It 'pwsh -NonInteractive -Command ... -Debug completes with the DEBUG lines shown' {
        $env:GENESYSCLOUD_API_BASE_URI = $emulator.ApiUrl
        $env:GENESYSCLOUD_LOGIN_BASE_URI = $emulator.LoginUrl
        $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId
        $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
        $command = "Import-Module '$env:GENESYSCONVO_MODULE_PATH'; Connect-GenesysCloud -Debug; " +
            "(Invoke-GenesysCloudRequest /api/v2/organizations/me -Debug).name"
        $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output | Should -Match 'DEBUG: GET /api/v2/organizations/me response body: '
        $output | Should -Match 'Emulated Contact Center'
        $output | Should -Not -Match 'NonInteractive mode'
        $output | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
    }
}

Describe 'Get-Help shows the real default of every parameter that has one' {
    It '<Command> -StartTime: 24 hours before -EndTime; -EndTime: now' -ForEach @(
        @{ Command = 'Search-GenesysConversationHistory' }, @{ Command = 'Export-GenesysConversationHistory' }, @{ Command = 'Get-GenesysConversationMetric' }
    ) {
        (Get-Help $Command -Parameter StartTime).defaultValue | Should -Be '24 hours before -EndTime'
        (Get-Help $Command -Parameter EndTime).defaultValue | Should -Be 'now'
    }

    It 'no parameter whose help text says "Default:" shows Default value None' {
        $wrong = foreach ($command in Get-Command -Module GenesysConvo) {
            foreach ($parameter in (Get-Help $command.Name -Full).parameters.parameter) {
                $text = ($parameter.description | Out-String)
                if ($text -cmatch 'Default:|\(default ' -and $parameter.defaultValue -eq 'None') { "$($command.Name) -$($parameter.name)" }
            }
        }
        $wrong | Should -BeNullOrEmpty
    }
}
