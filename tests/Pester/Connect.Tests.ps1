# Connect-GenesysCloud, Get-GenesysCloudContext, Disconnect-GenesysCloud against the local emulator over real HTTP.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $secret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force
    $endpoints = @{ ApiBaseUri = $emulator.ApiUrl; LoginBaseUri = $emulator.LoginUrl }
    $savedEnvironment = @{}
    foreach ($name in 'GENESYSCLOUD_REGION', 'GENESYSCLOUD_OAUTHCLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_SECRET', 'GENESYSCLOUD_ACCESS_TOKEN',
                      'GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_OAUTHCLIENT_ID', 'GENESYS_CLOUD_OAUTHCLIENT_SECRET', 'GENESYS_CLOUD_ACCESS_TOKEN') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    function Clear-GenesysEnvironment {
        foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $null) }
    }
}

AfterAll {
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Connect-GenesysCloud with client credentials' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'logs in once on the login host with HTTP Basic and returns a session with -PassThru' {
        $session = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints -PassThru

        $session | Should -BeOfType ([GenesysConvo.GenesysCloudSession])
        $session.OrganizationName | Should -Not -BeNullOrEmpty
        $session.AuthenticationKind | Should -Be 'ClientCredentials'
        $login = @(Get-EmulatorRequest $emulator -Login)
        $login.Count | Should -Be 1
        $login[0].path | Should -Be '/oauth/token'
        $login[0].status | Should -Be 200
        # The token request goes to the login host, never to the API host.
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/oauth/token').Count | Should -Be 0
    }

    It 'writes nothing to the output stream without -PassThru' {
        @(Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints).Count | Should -Be 0
    }

    It 'accepts a PSCredential whose user name is the client id (Azure Automation credential assets)' {
        $credential = [pscredential]::new($emulator.ClientId, $secret)
        $session = Connect-GenesysCloud -Credential $credential @endpoints -PassThru
        $session.ClientId | Should -Be $emulator.ClientId
    }

    It 'reads GENESYSCLOUD_* environment variables when no credentials are given' {
        $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId
        $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
        $env:GENESYSCLOUD_REGION = 'eu-west-1'
        $session = Connect-GenesysCloud @endpoints -PassThru
        $session.ClientId | Should -Be $emulator.ClientId
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 1
    }

    It 'reads the GENESYS_CLOUD_* spellings too' {
        $env:GENESYS_CLOUD_OAUTHCLIENT_ID = $emulator.ClientId
        $env:GENESYS_CLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
        (Connect-GenesysCloud @endpoints -PassThru).ClientId | Should -Be $emulator.ClientId
    }

    It 'makes the new session current, and Get-GenesysCloudContext describes it without secrets' {
        Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints
        $context = Get-GenesysCloudContext
        $context | Should -BeOfType ([GenesysConvo.GenesysCloudContext])
        $context.IsCurrent | Should -BeTrue
        $context.ClientId | Should -Be $emulator.ClientId
        $context.ApiBaseUri.AbsoluteUri | Should -Be "$($emulator.ApiUrl)/"
        $context.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        ($context | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
    }

    It 'keeps two sessions apart: -Session picks the org, the current one is the last connected' {
        $first = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints -PassThru
        $second = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints -PassThru
        $first.Id | Should -Not -Be $second.Id
        (Get-GenesysCloudContext).IsCurrent | Should -BeTrue
        (Get-GenesysCloudContext -Session $first).IsCurrent | Should -BeFalse
        Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $first | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connect-GenesysCloud with a supplied access token' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'uses the token as it is, without a login' {
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ expiresInSeconds = 3600 }).access_token
        $session = Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) @endpoints -PassThru
        $session.AuthenticationKind | Should -Be 'AccessToken'
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 0
        (Get-EmulatorRequest $emulator -Api)[0].path | Should -Be '/api/v2/tokens/me'
    }

    It 'reads GENESYSCLOUD_ACCESS_TOKEN' {
        $env:GENESYSCLOUD_ACCESS_TOKEN = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{}).access_token
        (Connect-GenesysCloud @endpoints -PassThru).AuthenticationKind | Should -Be 'AccessToken'
    }

    It 'refuses an expired token at connect time with an error that says how to get a new one' {
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ expiresInSeconds = 1 }).access_token
        Start-Sleep -Milliseconds 1500
        $failure = { Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) @endpoints } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.AccessTokenExpired,*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match 'Connect-GenesysCloud -AccessToken'
        $failure.Exception.Message | Should -Not -Match ([regex]::Escape($token))
    }

    It 'warns before a known expiry and fails with the fix once it has passed' {
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ expiresInSeconds = 3600 }).access_token
        $expiresAt = [DateTimeOffset]::UtcNow.AddSeconds(4)
        $session = Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -AccessTokenExpiresAt $expiresAt @endpoints -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join ' ') | Should -Match 'expires in'
        Start-Sleep -Seconds 5
        $failure = { Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.AccessTokenExpired,*'
    }
}

Describe 'Connect-GenesysCloud refuses bad input with an error that names the fix' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'bad client secret: AuthenticationError naming the parameters, the secret never shown' {
        $wrong = ConvertTo-SecureString 'not-the-secret-42' -AsPlainText -Force
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $wrong @endpoints } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.BadCredentials,*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -Match '-ClientSecret'
        $failure.Exception.Message | Should -Match 'authentication failed'
        $failure.Exception.Message | Should -Not -Match 'not-the-secret-42'
        # Bad credentials are final: no retry of the login.
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 1
    }

    It 'unknown client id: says the client was not found' {
        $failure = { Connect-GenesysCloud -ClientId 'no-such-client' -ClientSecret $secret @endpoints } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.BadCredentials,*'
        $failure.Exception.Message | Should -Match 'client not found'
    }

    It 'unknown region: lists every valid region, before any request' {
        $failure = { Connect-GenesysCloud -Region 'us-east-9' -ClientId x -ClientSecret $secret } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.UnknownRegion,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        foreach ($region in 'us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2', 'eu-central-2') {
            $failure.Exception.Message | Should -Match $region
        }
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'names the unknown region''s source when it came from GENESYSCLOUD_REGION' {
        $env:GENESYSCLOUD_REGION = 'mars-1'
        $failure = { Connect-GenesysCloud -ClientId x -ClientSecret $secret } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_REGION'
    }

    It 'accepts every region name and domain, with tab completion offering them' {
        foreach ($name in 'us-east-1', 'mypurecloud.ie', 'usw2.pure.cloud', 'ap_northeast_2', 'eusc-de-east-1') {
            { Connect-GenesysCloud -Region $name -ClientId $emulator.ClientId -ClientSecret $secret @endpoints } | Should -Not -Throw
        }
        $completion = TabExpansion2 -inputScript 'Connect-GenesysCloud -Region eu-' -cursorColumn 31
        $completion.CompletionMatches.CompletionText | Should -Contain 'eu-west-1'
        $completion.CompletionMatches.CompletionText | Should -Contain 'eu-central-2'
        $completion.CompletionMatches.CompletionText | Should -Not -Contain 'us-east-1'
    }

    It 'no credentials at all: names the parameters and the environment variables' {
        $failure = { Connect-GenesysCloud @endpoints } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidConnectionSetting,*'
        $failure.Exception.Message | Should -Match '-ClientId'
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_OAUTHCLIENT_ID'
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_OAUTHCLIENT_SECRET'
    }

    It 'half the credentials in the environment: names the missing variable' {
        $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId
        $failure = { Connect-GenesysCloud @endpoints } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_OAUTHCLIENT_SECRET is not set'
    }

    It 'plain http to a host that is not loopback: refused before any request' {
        $failure = { Connect-GenesysCloud -ClientId x -ClientSecret $secret -ApiBaseUri 'http://api.example.com' -LoginBaseUri 'http://login.example.com' } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure.Exception.Message | Should -Match 'https://'
        $failure.Exception.Message | Should -Match 'loopback'
    }
}

Describe 'Disconnect-GenesysCloud' {
    BeforeEach { Reset-Emulator $emulator; Clear-GenesysEnvironment }

    It 'forgets the current session; data cmdlets then say to connect' {
        Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints
        Disconnect-GenesysCloud
        Get-GenesysCloudContext | Should -BeNullOrEmpty
        $failure = { Invoke-GenesysCloudRequest /api/v2/organizations/me } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.NotConnected,*'
        $failure.Exception.Message | Should -Match 'Connect-GenesysCloud'
    }

    It 'closes an explicit session without touching the current one' {
        $other = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints -PassThru
        $current = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints -PassThru
        Disconnect-GenesysCloud -Session $other
        $other.IsConnected | Should -BeFalse
        (Get-GenesysCloudContext).IsCurrent | Should -BeTrue
        { Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $other } | Should -Throw '*closed by Disconnect-GenesysCloud*'
    }

    It 'supports -WhatIf' {
        Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints
        Disconnect-GenesysCloud -WhatIf
        Get-GenesysCloudContext | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connect-GenesysCloud with base URIs from the environment' {
    BeforeAll {
        $baseUriVariables = 'GENESYSCLOUD_API_BASE_URI', 'GENESYSCLOUD_LOGIN_BASE_URI'
        $savedBaseUris = @{}
        foreach ($name in $baseUriVariables) { $savedBaseUris[$name] = [Environment]::GetEnvironmentVariable($name) }
    }
    AfterAll { foreach ($name in $baseUriVariables) { [Environment]::SetEnvironmentVariable($name, $savedBaseUris[$name]) } }
    BeforeEach {
        Reset-Emulator $emulator; Clear-GenesysEnvironment
        $env:GENESYSCLOUD_API_BASE_URI = $emulator.ApiUrl
        $env:GENESYSCLOUD_LOGIN_BASE_URI = $emulator.LoginUrl
    }

    It 'connects to them when no endpoint parameter is given, and -Verbose names them' {
        $verbose = Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret -Verbose 4>&1 | ForEach-Object Message
        (Get-GenesysCloudContext).ApiBaseUri | Should -Be ([uri]$emulator.ApiUrl)
        $verbose | Should -Contain "Using GENESYSCLOUD_API_BASE_URI = $($emulator.ApiUrl)/ from the environment."
        $verbose | Should -Contain "Connecting to $($emulator.ApiUrl)/ (login $($emulator.LoginUrl)/)."
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 1
    }

    It 'leaves them aside when -ApiBaseUri and -LoginBaseUri are given: the parameters win' {
        $env:GENESYSCLOUD_API_BASE_URI = 'http://127.0.0.1:1'
        $env:GENESYSCLOUD_LOGIN_BASE_URI = 'http://127.0.0.1:1'
        Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret @endpoints
        (Get-GenesysCloudContext).ApiBaseUri | Should -Be ([uri]$emulator.ApiUrl)
    }

    It 'refuses a value that is not a URI, naming the variable, before any request' {
        $env:GENESYSCLOUD_API_BASE_URI = 'api.mypurecloud.com'
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidConnectionSetting,*'
        $failure.Exception.Message | Should -Match 'GENESYSCLOUD_API_BASE_URI'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}
