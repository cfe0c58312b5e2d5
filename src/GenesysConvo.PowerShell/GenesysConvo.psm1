# Loads the cmdlet assembly built for this edition: net8.0 for PowerShell 7 (its engine isolated in a private
# AssemblyLoadContext), netstandard2.0 for Windows PowerShell 5.1.
$edition = if ($PSEdition -eq 'Core') { 'core' } else { 'desktop' }
Import-Module -Name (Join-Path $PSScriptRoot "$edition/GenesysConvo.dll") -ErrorAction Stop
