# Connect-GenesysCloud -Interactive: the authorization-code grant with PKCE through the loopback listener, against the
# emulator's /oauth/authorize and /oauth/token. The test plays the browser: GENESYSCLOUD_BROWSER names a script that
# follows the sign-in with curl (as a browser would), or forges the answer.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $endpoints = @{ ApiBaseUri = $emulator.ApiUrl; LoginBaseUri = $emulator.LoginUrl; RetryDelay = [TimeSpan]::FromMilliseconds(50) }
    $savedBrowser = $env:GENESYSCLOUD_BROWSER

    function New-TestBrowser([string] $Name, [string] $Body) {
        <# A "browser": a script the module starts with the sign-in address as its only argument. #>
        $path = Join-Path $TestDrive $Name
        Set-Content -Path $path -Value "#!/bin/sh`n$Body`n" -NoNewline
        chmod +x $path
        $path
    }
    # Follows the redirects like a browser: the login service's 302 lands on the module's loopback listener.
    $followingBrowser = New-TestBrowser 'follow.sh' 'curl -s -L --max-time 20 -o /dev/null "$1"'
    # Delivers the login service's answer with another state, as a forged or stale redirect would.
    $forgingBrowser = New-TestBrowser 'forge.sh' (@(
        'location=$(curl -s --max-time 20 -o /dev/null -w "%{redirect_url}" "$1")'
        'curl -s --max-time 20 -o /dev/null "$(printf %s "$location" | sed "s/state=[^&]*/state=forged/")"'
    ) -join "`n")
    # Opens the page and does nothing more (the user walks away).
    $idleBrowser = New-TestBrowser 'idle.sh' 'curl -s --max-time 20 -o /dev/null "$1"'

    function Connect-Interactive([hashtable] $With = @{}) {
        $parameters = @{ Interactive = $true; ClientId = $emulator.PkceClientId; LoginTimeout = [TimeSpan]::FromSeconds(30); PassThru = $true }
        foreach ($key in $With.Keys) { $parameters[$key] = $With[$key] }
        Connect-GenesysCloud @endpoints @parameters
    }

    function Get-LoginError([hashtable] $With = @{}) {
        try { Connect-Interactive $With | Out-Null } catch { return $_ }
        throw 'Connect-GenesysCloud -Interactive did not fail.'
    }
}

AfterAll {
    $env:GENESYSCLOUD_BROWSER = $savedBrowser
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Connect-GenesysCloud -Interactive (authorization code + PKCE)' {
    BeforeEach {
        Reset-Emulator $emulator
        $env:GENESYSCLOUD_BROWSER = $followingBrowser
    }

    It 'signs in through the browser and the loopback listener, exchanges the code with its verifier, and knows the user' {
        $org = Invoke-EmulatorControl $emulator 'org'
        $user = @($org.users | Where-Object state -eq 'active')[3]
        Invoke-EmulatorControl $emulator 'login' -Method PUT -Body @{ userId = $user.id } | Out-Null

        $session = Connect-Interactive

        $session.AuthenticationKind | Should -Be 'Interactive'
        $context = Get-GenesysCloudContext
        $context.UserId | Should -Be $user.id
        $context.UserName | Should -Be $user.name
        $context.ClientId | Should -Be $emulator.PkceClientId
        $login = @(Get-EmulatorRequest $emulator -Login)
        ($login | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) |
            Should -Be @('GET /oauth/authorize 302', 'POST /oauth/token 200')
        $authorize = $login[0].query
        $authorize | Should -Match 'code_challenge_method=S256'
        $authorize | Should -Match 'redirect_uri=http%3A%2F%2Flocalhost%3A\d+%2F'
        $authorize | Should -Match 'state=[A-Za-z0-9_-]{20,}'
        # The token is the emulator's user token for that user.
        $issued = @(Invoke-EmulatorControl $emulator 'tokens')
        $issued.Count | Should -Be 1
        $issued[0].kind | Should -Be 'User'
        $issued[0].userId | Should -Be $user.id
    }

    It '-Mine lists exactly the live conversations of the signed-in user (emulator ground truth)' {
        Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = '2026-03-10T14:00:00Z'; frozen = $true } | Out-Null
        $busy = (Invoke-EmulatorControl $emulator 'live').conversations | Where-Object userId | Select-Object -First 1
        Invoke-EmulatorControl $emulator 'login' -Method PUT -Body @{ userId = $busy.userId } | Out-Null
        $truth = @((Invoke-EmulatorControl $emulator "live?userId=$($busy.userId)").conversations.conversationId)
        $truth.Count | Should -BeGreaterThan 0

        Connect-Interactive | Out-Null
        $mine = @(Get-GenesysActiveConversation -Mine)

        @($mine.ConversationId | Sort-Object) | Should -Be @($truth | Sort-Object)
    }

    It 'signs in again through the browser when the user token expires, without a prompt, before the next call' {
        Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 3 } | Out-Null
        Connect-Interactive | Out-Null
        Start-Sleep -Seconds 4

        $me = Invoke-GenesysCloudRequest /api/v2/users/me -WarningVariable warned -WarningAction SilentlyContinue

        $me.id | Should -Be (Get-GenesysCloudContext).UserId
        @(Get-EmulatorRequest $emulator -Login | Where-Object path -eq '/oauth/token').Count | Should -Be 2
        @(Get-EmulatorRequest $emulator -Api | Where-Object status -eq 401).Count | Should -Be 0
        "$warned" | Should -Match 'signing in again in the browser'
    }

    It 'signs in again once when the API rejects the user token (401), and the call succeeds' {
        Connect-Interactive | Out-Null
        Invoke-EmulatorControl $emulator 'tokens/revoke' -Method POST | Out-Null

        $me = Invoke-GenesysCloudRequest /api/v2/users/me -WarningAction SilentlyContinue

        $me.id | Should -Be (Get-GenesysCloudContext).UserId
        @(Get-EmulatorRequest $emulator -Login | Where-Object path -eq '/oauth/token').Count | Should -Be 2
    }

    It 'refuses an answer whose state is not the one it sent, and exchanges nothing' {
        $env:GENESYSCLOUD_BROWSER = $forgingBrowser
        $failure = Get-LoginError
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.AuthorizationStateMismatch*'
        $failure.Exception.Message | Should -Match 'state does not match'
        @(Get-EmulatorRequest $emulator -Login | Where-Object path -eq '/oauth/token').Count | Should -Be 0
    }

    It 'turns the redirect error <Error> into a message that names the fix' -ForEach @(
        @{ Error = 'access_denied'; Id = 'GenesysConvo.AuthorizationDenied'; Fix = 'approve it' }
        @{ Error = 'invalid_pkce_package'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'PKCE proof.*Code Authorization' }
        @{ Error = 'invalid_request'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'http://localhost \(without a port\)' }
        @{ Error = 'invalid_scope'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'scopes' }
        @{ Error = 'unsupported_response_type'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'Code Authorization grant' }
        @{ Error = 'server_error'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'again in a moment' }
        @{ Error = 'temporarily_unavailable'; Id = 'GenesysConvo.AuthorizationFailed'; Fix = 'again in a moment' }
    ) {
        Invoke-EmulatorControl $emulator 'login' -Method PUT -Body @{ error = $Error } | Out-Null
        $failure = Get-LoginError
        $failure.FullyQualifiedErrorId | Should -BeLike "$Id*"
        $failure.Exception.ErrorCode | Should -Be $Error
        $failure.Exception.Message | Should -Match ([regex]::Escape($Error))
        $failure.Exception.Message | Should -Match $Fix
        @(Get-EmulatorRequest $emulator -Login | Where-Object path -eq '/oauth/token').Count | Should -Be 0
    }

    It 'says a client-credentials client cannot sign users in (unauthorized_client)' {
        $failure = Get-LoginError @{ ClientId = $emulator.ClientId }
        $failure.Exception.ErrorCode | Should -Be 'unauthorized_client'
        $failure.Exception.Message | Should -Match 'Code Authorization'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }

    It 'gives up after -LoginTimeout when the browser never comes back' {
        $env:GENESYSCLOUD_BROWSER = $idleBrowser
        $failure = Get-LoginError @{ LoginTimeout = [TimeSpan]::FromSeconds(2) }
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.AuthorizationTimeout*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'refuses a -LoginTimeout of zero before any request' {
        { Connect-GenesysCloud -Interactive -ClientId 'x' -LoginTimeout 0 @endpoints } | Should -Throw '*-LoginTimeout*'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Connect-GenesysCloud -Interactive -NoBrowser (the address pasted back)' {
    BeforeEach { Reset-Emulator $emulator }

    It 'shows the sign-in address, reads the pasted redirect address and connects as that user' {
        $user = @((Invoke-EmulatorControl $emulator 'org').users | Where-Object state -eq 'active')[5]
        Invoke-EmulatorControl $emulator 'login' -Method PUT -Body @{ userId = $user.id } | Out-Null
        $script = Join-Path $TestDrive 'paste.ps1'
        Set-Content $script @"
Import-Module '$env:GENESYSCONVO_MODULE_PATH'
`$session = Connect-GenesysCloud -Interactive -NoBrowser -ClientId '$($emulator.PkceClientId)' -ApiBaseUri '$($emulator.ApiUrl)' -LoginBaseUri '$($emulator.LoginUrl)' -PassThru
'USER=' + (Get-GenesysCloudContext).UserId
"@
        $start = [Diagnostics.ProcessStartInfo]::new('dotnet', "`"$(Join-Path $PSHOME 'pwsh.dll')`" -NoProfile -File `"$script`"")
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $child = [Diagnostics.Process]::Start($start)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $address = $null
            while (-not $address -and [DateTime]::UtcNow -lt $deadline) {
                $line = $child.StandardOutput.ReadLineAsync()
                if (-not $line.Wait(60000)) { break }
                if ($line.Result -match '^http://127\.0\.0\.1:\d+/oauth/authorize\?') { $address = $line.Result }
            }
            $address | Should -Not -BeNullOrEmpty
            # The browser on another machine: it ends on http://localhost:<port>/?code=…, which the user copies.
            $browser = [Net.Http.HttpClient]::new([Net.Http.HttpClientHandler]@{ AllowAutoRedirect = $false })
            $answer = $browser.GetAsync($address).GetAwaiter().GetResult()
            [int]$answer.StatusCode | Should -Be 302
            $child.StandardInput.WriteLine($answer.Headers.Location.AbsoluteUri)
            $child.StandardInput.Close()
            $rest = $child.StandardOutput.ReadToEndAsync()
            $rest.Wait(60000) | Should -BeTrue
            $child.WaitForExit(60000) | Should -BeTrue
        } finally {
            if (-not $child.HasExited) { $child.Kill() }
        }

        $rest.Result | Should -Match "USER=$($user.id)"
        @(Get-EmulatorRequest $emulator -Login | Where-Object path -eq '/oauth/token' | Where-Object status -eq 200).Count | Should -Be 1
    }
}
