# The installable package: build/New-Package.ps1 (what build.ps1 -Task Package runs) packs the built module, and the
# .nupkg round-trips through PSResourceGet as an admin would use it: a local file repository, Publish-PSResource,
# Install-PSResource, Import-Module by name, a cmdlet against the emulator. All of it runs in a fresh pwsh whose HOME
# is a temporary folder, so the installed module and the repository registrations never touch this machine's own.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $manifestPath = Join-Path $env:GENESYSCONVO_MODULE_PATH 'GenesysConvo.psd1'
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest and carries what a gallery listing needs' {
        $manifest = Test-ModuleManifest $manifestPath
        $manifest.Description | Should -Not -BeNullOrEmpty
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $manifest.Tags | Should -Contain 'GenesysCloud'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.ReleaseNotes | Should -Not -BeNullOrEmpty
        $manifest.ExportedFunctions.Count + $manifest.ExportedAliases.Count + $manifest.ExportedVariables.Count | Should -Be 0
        $manifest.ExportedCmdlets.Keys | Should -Not -Contain '*'
        Test-Path (Join-Path $root 'LICENSE') | Should -BeTrue
    }

    It 'loads the cmdlet assembly of the edition it runs in: core/ here, desktop/ under Windows PowerShell' {
        (Test-ModuleManifest $manifestPath).RootModule | Should -Be 'core/GenesysConvo.dll'
        # $PSEdition is a constant, so Windows PowerShell's reading of the manifest is taken with the value it has there,
        # under the restricted language module manifests are evaluated in.
        $text = (Get-Content $manifestPath -Raw) -replace '\$PSEdition\b', "'Desktop'"
        $desktop = [scriptblock]::Create($text)
        $desktop.CheckRestrictedLanguage([string[]]@(), [string[]]@('PSScriptRoot'), $false)
        $rootModule = (& $desktop).RootModule
        $rootModule | Should -Be 'desktop/GenesysConvo.dll'
        Test-Path (Join-Path $env:GENESYSCONVO_MODULE_PATH $rootModule) | Should -BeTrue
    }

    It 'gives command discovery''s quick reading a plain value under every key it reads' {
        # PowerShell's quick reading of a manifest (AnalysisCache.AnalyzeManifestModule, through PsUtils.
        # GetModuleManifestProperties) takes these keys when written as plain strings and evaluates them with
        # SafeGetValue; one it cannot evaluate sends discovery to the slow analysis that races (next test).
        $quickKeys = 'AliasesToExport', 'CmdletsToExport', 'CompatiblePSEditions', 'FunctionsToExport', 'NestedModules',
                     'RootModule', 'ModuleToProcess', 'ModuleVersion'
        $hashtable = [Management.Automation.Language.Parser]::ParseFile($manifestPath, [ref]$null, [ref]$null).Find(
            { $args[0] -is [Management.Automation.Language.HashtableAst] }, $false)
        $read = @{}
        foreach ($pair in $hashtable.KeyValuePairs) {
            if ($pair.Item1 -is [Management.Automation.Language.StringConstantExpressionAst] -and $pair.Item1.Value -in $quickKeys) {
                $read[$pair.Item1.Value] = $pair.Item2.SafeGetValue()
            }
        }
        $read.Keys | Should -Not -Contain 'RootModule'
        $read.CmdletsToExport | Should -Be (Test-ModuleManifest $manifestPath).ExportedCmdlets.Keys
        $read.FunctionsToExport.Count + $read.AliasesToExport.Count | Should -Be 0
    }

    It 'autoloads in four runspaces at once, in a fresh session with no module analysis cache' {
        # Before the key was hidden from the quick reading, one or more of the four answered "not recognized" in
        # every run. PSModuleAnalysisCachePath points each session at a cache of its own, as on a new machine.
        $child = Join-Path $TestDrive 'ParallelAutoload.ps1'
        Set-Content $child @'
$env:PSModulePath = $args[0] + [IO.Path]::PathSeparator + $env:PSModulePath
1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
    $command = Get-Command Search-GenesysConversationHistory -ErrorAction SilentlyContinue
    if ($command) { "found in $($command.Source)" } else { 'not recognized' }
}
'@
        $moduleParent = Split-Path (Resolve-Path $env:GENESYSCONVO_MODULE_PATH).Path
        $saved = $env:PSModuleAnalysisCachePath
        try {
            $answers = foreach ($run in 1..3) {
                $env:PSModuleAnalysisCachePath = Join-Path $TestDrive "analysis-cache-$run"
                & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoLogo -NoProfile -NonInteractive -File $child $moduleParent 2>&1
            }
        } finally { $env:PSModuleAnalysisCachePath = $saved }
        $answers | Should -HaveCount 12
        $answers | Sort-Object -Unique | Should -Be 'found in GenesysConvo'
    }
}

Describe 'The package' {
    BeforeAll {
        $emulator = Start-GenesysEmulator
        $work = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-package-test-$PID"
        New-Item -ItemType Directory -Path (Join-Path $work 'home'), (Join-Path $work 'feed') -Force | Out-Null
        $child = Join-Path $work 'RoundTrip.ps1'
        Set-Content $child @'
param($PackageScript, $ModulePath, $Work)
$ErrorActionPreference = 'Stop'
$package = & $PackageScript -ModulePath $ModulePath -OutputPath (Join-Path $Work 'packages')
Register-PSResourceRepository -Name LocalFeed -Uri (Join-Path $Work 'feed') -Trusted
Publish-PSResource -NupkgPath $package -Repository LocalFeed
Install-PSResource -Name GenesysConvo -Repository LocalFeed -Scope CurrentUser -TrustRepository
Import-Module GenesysConvo
Connect-GenesysCloud
$record = Search-GenesysConversationHistory -StartTime ([DateTime]::UtcNow.Date.AddDays(-1)) -EndTime ([DateTime]::UtcNow.Date) -First 1
[pscustomobject]@{
    Package        = Split-Path $package -Leaf
    Installed      = (Get-InstalledPSResource GenesysConvo).Version.ToString()
    ModuleBase     = (Get-Module GenesysConvo).ModuleBase
    ConversationId = $record.ConversationId
} | ConvertTo-Json -Compress
'@
        $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME }
        try {
            $env:HOME = Join-Path $work 'home'; $env:XDG_DATA_HOME = $null; $env:XDG_CONFIG_HOME = $null
            $env:GENESYSCLOUD_API_BASE_URI = $emulator.ApiUrl; $env:GENESYSCLOUD_LOGIN_BASE_URI = $emulator.LoginUrl
            $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId; $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoLogo -NoProfile -NonInteractive -File $child `
                (Join-Path $root 'build/New-Package.ps1') $env:GENESYSCONVO_MODULE_PATH $work 2>&1
            $exitCode = $LASTEXITCODE
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            foreach ($name in 'GENESYSCLOUD_API_BASE_URI', 'GENESYSCLOUD_LOGIN_BASE_URI', 'GENESYSCLOUD_OAUTHCLIENT_ID',
                'GENESYSCLOUD_OAUTHCLIENT_SECRET') { [Environment]::SetEnvironmentVariable($name, $null) }
        }
        $result = $output | Where-Object { "$_" -like '{*' } | Select-Object -Last 1 | ConvertFrom-Json
    }
    AfterAll {
        Stop-GenesysEmulator $emulator
        Remove-Item $work -Recurse -Force -ErrorAction Ignore
    }

    It 'is published to a local repository, installed from it and imported by name in a fresh pwsh' {
        $exitCode | Should -Be 0 -Because ($output -join "`n")
        $version = (Test-ModuleManifest $manifestPath).Version.ToString(3)
        $result.Package | Should -Be "GenesysConvo.$version.nupkg"
        $result.Installed | Should -Be $version
        $result.ModuleBase | Should -BeLike "$(Join-Path $work 'home')*"
    }

    It 'runs a cmdlet against the emulator from the installed copy' {
        $result.ConversationId | Should -Match '^[0-9a-f-]{36}$'
        @(Get-EmulatorRequest $emulator -Api | Where-Object path -eq '/api/v2/analytics/conversations/details/query').Count |
            Should -BeGreaterThan 0
    }
}
