<#
.SYNOPSIS
    Runs every Pester suite against the built module and writes the counts as JSON (build.ps1 -Task Test sums them).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Filter
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$pester = Get-ChildItem (Join-Path $root '.modules/pester') -Directory | Sort-Object { [version]$_.Name } | Select-Object -Last 1
Import-Module (Join-Path $pester.FullName 'tools/Pester.psd1') -Force

$env:GENESYSCONVO_MODULE_PATH = (Resolve-Path $ModulePath).Path

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object { -not $Filter -or $_.Name -match $Filter } | ForEach-Object FullName)
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

# Containers that failed to run (a syntax error, a failing BeforeAll) count as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } | ConvertTo-Json | Set-Content $ResultPath
exit ([int]($failed -gt 0))
