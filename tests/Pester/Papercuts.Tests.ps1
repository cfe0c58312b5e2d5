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
