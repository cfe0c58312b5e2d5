# A login that fails never counts as connected: Connect-GenesysCloud stops with an error naming the login URL it tried and
# the parameter that fixes it, and the session that was current stays current.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $secret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Connect-GenesysCloud when the login fails' {
    BeforeEach { Reset-Emulator $emulator }

    It 'with -ApiBaseUri alone, whose derived login URL answers 404: an error naming that URL and -LoginBaseUri' {
        $current = Connect-Emulator $emulator -With @{ PassThru = $true }
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret -ApiBaseUri $emulator.ApiUrl -WarningVariable warnings } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.NotFound,*'
        $failure.Exception.Message | Should -Match ([regex]::Escape('POST /oauth/token failed: 404'))
        $failure.Exception.Message | Should -Match ([regex]::Escape($emulator.ApiUrl))
        $failure.Exception.Message | Should -Match '-LoginBaseUri'
        $warnings | Should -BeNullOrEmpty -Because 'a failed login is an error, not a warning after a connection'
        (Get-GenesysCloudContext).IsCurrent | Should -BeTrue
        (Get-GenesysCloudContext).ApiBaseUri | Should -Be $current.ApiBaseUri
        # The session that was current still works.
        (Invoke-GenesysCloudRequest /api/v2/organizations/me).name | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/api/v2/tokens/me').Count | Should -Be 1 -Because 'only the good session read its org'
    }

    It 'with a login host that does not answer: a connection error, and nothing made current' {
        Disconnect-GenesysCloud -ErrorAction Ignore
        $closed = 'http://127.0.0.1:9'
        $failure = { Connect-GenesysCloud -ClientId $emulator.ClientId -ClientSecret $secret -ApiBaseUri $emulator.ApiUrl -LoginBaseUri $closed -MaxRetryCount 0 } |
            Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.Connection,*'
        $failure.Exception.Message | Should -Match '/oauth/token'
        Get-GenesysCloudContext | Should -BeNullOrEmpty
    }
}
