# Shared by the Pester suites. Starting, stopping and driving the emulator is GenesysEmulator.psm1's job (the demo and
# the benchmarks use it too); this module passes its functions on, so test files import one thing.
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $PSScriptRoot '../../src/GenesysConvo.Emulator/GenesysEmulator.psm1') -Force

Export-ModuleMember -Function Start-GenesysEmulator, Restart-GenesysEmulator, Stop-GenesysEmulator, Invoke-EmulatorControl,
    Reset-Emulator, Get-EmulatorRequest, Connect-Emulator
