# Other modules (Az.Accounts, Microsoft.Graph, PnP) load their own, older Microsoft.Extensions.* and Polly into the
# session. GenesysConvo must still import and work: its engine and dependencies live in a private load context.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $emulator = Start-GenesysEmulator
    $packages = Resolve-Path (Join-Path $PSScriptRoot '../../.modules')
    $olderAssemblies = @(
        "$packages/microsoft.extensions.dependencyinjection.abstractions/6.0.0/lib/netstandard2.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll"
        "$packages/microsoft.extensions.http/6.0.0/lib/netstandard2.0/Microsoft.Extensions.Http.dll"
        "$packages/polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll"
    )

    # Runs the scenario in a fresh pwsh process (assemblies cannot be unloaded) and returns what it reported.
    function Invoke-Scenario([string] $Order) {
        $script = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-isolation-$([guid]::NewGuid()).ps1"
        @'
param($Order, $ModulePath, $Older, $Api, $Login, $Id, $Secret)
$ErrorActionPreference = 'Stop'
function Import-Older { foreach ($path in $Older -split ';') { Add-Type -Path $path } }
if ($Order -eq 'before') { Import-Older }
Import-Module $ModulePath
$secure = ConvertTo-SecureString $Secret -AsPlainText -Force
Connect-GenesysCloud -ClientId $Id -ClientSecret $secure -ApiBaseUri $Api -LoginBaseUri $Login
if ($Order -eq 'after') { Import-Older }
$org = Invoke-GenesysCloudRequest /api/v2/organizations/me
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -in 'Microsoft.Extensions.Http', 'Microsoft.Extensions.DependencyInjection.Abstractions', 'Polly.Core', 'GenesysConvo.Core' } |
    ForEach-Object { [pscustomobject]@{ Name = $_.GetName().Name; Version = $_.GetName().Version.ToString(); Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } }
[pscustomobject]@{ Organization = $org.name; Loaded = @($loaded) } | ConvertTo-Json -Depth 4 -Compress
'@ | Set-Content $script
        try {
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script -Order $Order -ModulePath $env:GENESYSCONVO_MODULE_PATH `
                -Older ($olderAssemblies -join ';') -Api $emulator.ApiUrl -Login $emulator.LoginUrl -Id $emulator.ClientId -Secret $emulator.ClientSecret 2>&1
            if ($LASTEXITCODE) { throw "The scenario failed: $($output -join "`n")" }
            ($output | Select-Object -Last 1) | ConvertFrom-Json
        } finally { Remove-Item $script -ErrorAction Ignore }
    }
}

AfterAll { Stop-GenesysEmulator $emulator }

Describe 'Dependency isolation' {
    It 'works when older Microsoft.Extensions.Http, DI.Abstractions and Polly.Core were loaded <Order> the module' -ForEach @(
        @{ Order = 'before' }
        @{ Order = 'after' }
    ) {
        $report = Invoke-Scenario $Order
        $report.Organization | Should -Not -BeNullOrEmpty
        # The other module's 6.0 / 8.1 copies stay in the default context ...
        $default = @($report.Loaded | Where-Object Context -eq 'Default')
        ($default | Where-Object Name -eq 'Microsoft.Extensions.Http').Version | Should -Be '6.0.0.0'
        # ... while ours run from the module's private context.
        $ours = @($report.Loaded | Where-Object Context -eq 'GenesysConvo')
        $ours.Name | Should -Contain 'GenesysConvo.Core'
        $ours.Name | Should -Contain 'Microsoft.Extensions.Http'
        $ours.Name | Should -Contain 'Polly.Core'
        ($ours | Where-Object Name -eq 'Microsoft.Extensions.Http').Version | Should -BeLike '10.*'
    }
}
