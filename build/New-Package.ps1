<#
.SYNOPSIS
    Packs the laid-out module (out/GenesysConvo) into GenesysConvo.<ModuleVersion>.nupkg with PSResourceGet itself
    (shipped with PowerShell 7.4+), so the package is exactly what Publish-PSResource makes and Install-PSResource
    accepts. (build.ps1 -Task Package runs this.) Publishing goes to a throw-away local file repository; the
    user's registered repositories are left as they were.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$root = Resolve-Path (Join-Path $PSScriptRoot '..')
$module = (Resolve-Path $ModulePath).Path
$manifest = Test-ModuleManifest (Join-Path $module 'GenesysConvo.psd1')

$work = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-package-$([guid]::NewGuid().ToString('n'))"
$staged = Join-Path $work 'GenesysConvo'
$feed = Join-Path $work 'feed'
$repository = "GenesysConvoPack-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
try {
    New-Item -ItemType Directory -Path $feed -Force | Out-Null
    Copy-Item $module $staged -Recurse
    Copy-Item (Join-Path $root 'LICENSE') $staged
    Register-PSResourceRepository -Name $repository -Uri $feed -Trusted
    Publish-PSResource -Path $staged -Repository $repository
    $package = Get-ChildItem $feed -Filter "GenesysConvo.$($manifest.Version).nupkg"
    if (-not $package) { throw "Publish-PSResource wrote no GenesysConvo.$($manifest.Version).nupkg to $feed." }
    New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
    Copy-Item $package.FullName $OutputPath -Force
    Join-Path (Resolve-Path $OutputPath).Path $package.Name
} finally {
    Unregister-PSResourceRepository -Name $repository -ErrorAction Ignore
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}
