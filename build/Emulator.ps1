<#
.SYNOPSIS
    Try the module offline: starts the local Genesys Cloud emulator on fixed loopback ports in the foreground and
    prints exactly how to connect to it, until Ctrl+C. (build.ps1 -Task Emulator runs this.)
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $ApiPort = 8990,
    [int] $LoginPort = 8991
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module (Join-Path $PSScriptRoot '../src/GenesysConvo.Emulator/GenesysEmulator.psm1')
$module = (Resolve-Path $ModulePath).Path

try {
    $emulator = Start-GenesysEmulator -ApiPort $ApiPort -LoginPort $LoginPort
} catch {
    # Exit code 3: a port is taken (often an emulator still running in another window).
    Write-Host "$($_.Exception.Message)`nIs an emulator already running? Stop it, or choose other ports with -ApiPort and -LoginPort."
    exit 1
}
try {
    Write-Host @"
Genesys Cloud emulator running: API $($emulator.ApiUrl), login $($emulator.LoginUrl). Ctrl+C stops it.

In another PowerShell 7 window (dotnet pwsh from this folder, or pwsh 7.4+), connect with its client id and secret:

    Import-Module '$module'
    Connect-GenesysCloud -ClientId '$($emulator.ClientId)' -ClientSecret (ConvertTo-SecureString '$($emulator.ClientSecret)' -AsPlainText -Force) -ApiBaseUri $($emulator.ApiUrl) -LoginBaseUri $($emulator.LoginUrl)

or, so that a runbook's plain Connect-GenesysCloud reaches the emulator unchanged:

    `$env:GENESYSCLOUD_API_BASE_URI = '$($emulator.ApiUrl)'
    `$env:GENESYSCLOUD_LOGIN_BASE_URI = '$($emulator.LoginUrl)'
    `$env:GENESYSCLOUD_OAUTHCLIENT_ID = '$($emulator.ClientId)'
    `$env:GENESYSCLOUD_OAUTHCLIENT_SECRET = '$($emulator.ClientSecret)'
    Connect-GenesysCloud

The README's "Try it offline" section has a tour to run next.
"@
    while (-not $emulator.Process.WaitForExit(500)) { }
    Write-Host "The emulator exited with code $($emulator.Process.ExitCode)."
} finally {
    Stop-GenesysEmulator $emulator
}
