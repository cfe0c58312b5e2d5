# Secrets and tokens never appear in any stream, error or exception text — even with -Verbose and -Debug.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator

    # Runs a whole session with every stream merged into text.
    function Invoke-Session([scriptblock] $Body) {
        $DebugPreference = 'Continue'
        $VerbosePreference = 'Continue'
        $WarningPreference = 'Continue'
        (& $Body *>&1 | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { "$_ $($_.Exception) $($_.ErrorDetails) $($_.ScriptStackTrace)" }
            else { $_ | Out-String }
        }) -join "`n"
    }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'No secret in any stream' {
    BeforeEach { Reset-Emulator $emulator }

    It 'a client-credentials session with -Verbose -Debug shows neither the secret nor the Authorization header' {
        $text = Invoke-Session {
            $session = Connect-Emulator $emulator -With @{ PassThru = $true; Verbose = $true; Debug = $true }
            $session | Format-List * | Out-String
            Get-GenesysCloudContext -Verbose -Debug | Format-List * | Out-String
            Invoke-GenesysCloudRequest /api/v2/users -Query @{ pageSize = 3 } -Verbose -Debug
            $null = Invoke-EmulatorControl $emulator 'tokens/revoke' -Method POST
            Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose -Debug
            try { Invoke-GenesysCloudRequest /api/v2/users/nope -Verbose -Debug } catch { $_ }
            Disconnect-GenesysCloud -Verbose -Debug
        }
        $text | Should -Match 'GET /api/v2/users\?pageSize=3 -> 200'   # the session did run, verbosely
        $text | Should -Match 'response body'                        # and -Debug showed bodies
        $text | Should -Not -Match ([regex]::Escape($emulator.ClientSecret))
        $text | Should -Not -Match 'Basic [A-Za-z0-9+/=]{8,}'
        $text | Should -Not -Match 'Bearer [A-Za-z0-9._-]{8,}'
        $issued = @(Invoke-EmulatorControl $emulator 'tokens')
        $issued.Count | Should -BeGreaterOrEqual 2
        foreach ($token in $issued) { $text | Should -Not -Match ([regex]::Escape($token.accessToken)) }
    }

    It 'a supplied-token session with -Verbose -Debug never shows the token, even when it is rejected' {
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ expiresInSeconds = 3600 }).access_token
        $text = Invoke-Session {
            Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $emulator.LoginUrl -Verbose -Debug
            Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose -Debug
            $null = Invoke-EmulatorControl $emulator 'tokens/revoke' -Method POST
            try { Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose -Debug } catch { $_ }
        }
        $text | Should -Match 'AccessTokenExpired|no longer accepts'
        $text | Should -Not -Match ([regex]::Escape($token))
    }
}
