# Get-Help for every exported cmdlet: complete (synopsis, description, examples, every parameter described), compiled
# into both editions' folders, guarded against drift by build/New-MamlHelp.ps1 — and every example RUNS against the
# local emulator.
#
# Examples are written against these variables, which this file defines as a reader would have them:
#   $clientId, $clientSecret (SecureString)  the OAuth client (here the emulator's)
#   $accessToken (SecureString)              a token obtained elsewhere (here from the emulator's login host)
#   $session                                 a session from Connect-GenesysCloud -PassThru
# and the GENESYSCLOUD_OAUTHCLIENT_* environment variables. $PSDefaultParameterValues points Connect-GenesysCloud at
# the emulator, so examples that name a -Region (or none) reach it too.

BeforeDiscovery {
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $commandCases = @(Get-Command -Module GenesysConvo -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
    $exampleCases = foreach ($command in $commandCases) {
        foreach ($example in @((Get-Help $command.Name -Full).examples.example)) {
            @{
                Name  = $command.Name
                Title = ($example.title -replace '^-+\s*|\s*-+$', '')
                Code  = [string]$example.code
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $modulePath = $env:GENESYSCONVO_MODULE_PATH
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
    $emulator = Start-GenesysEmulator

    $clientId = $emulator.ClientId
    # -Interactive examples: the emulator's Code Authorization client, and a "browser" that follows the sign-in (the
    # emulator approves at once, as a live browser session does).
    $pkceClientId = $emulator.PkceClientId
    $helpBrowser = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-help-browser-$PID.sh"
    Set-Content $helpBrowser "#!/bin/sh`ncurl -s -L --max-time 20 -o /dev/null `"`$1`"`n" -NoNewline
    chmod +x $helpBrowser
    $clientSecret = ConvertTo-SecureString $emulator.ClientSecret -AsPlainText -Force

    $savedEnvironment = @{}
    foreach ($name in 'GENESYSCLOUD_BROWSER', 'GENESYSCLOUD_REGION', 'GENESYSCLOUD_OAUTHCLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_SECRET', 'GENESYSCLOUD_ACCESS_TOKEN',
                      'GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_OAUTHCLIENT_ID', 'GENESYS_CLOUD_OAUTHCLIENT_SECRET', 'GENESYS_CLOUD_ACCESS_TOKEN', 'PSModulePath') {
        $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
        if ($name -ne 'PSModulePath') { [Environment]::SetEnvironmentVariable($name, $null) }
    }
    $env:GENESYSCLOUD_OAUTHCLIENT_ID = $emulator.ClientId
    $env:GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
    $env:GENESYSCLOUD_BROWSER = $helpBrowser
    # As if installed: runspaces of ForEach-Object -Parallel import the module by name.
    $env:PSModulePath = (Split-Path $modulePath -Parent) + [IO.Path]::PathSeparator + $env:PSModulePath

    foreach ($pair in @{ ApiBaseUri = $emulator.ApiUrl; LoginBaseUri = $emulator.LoginUrl; RetryDelay = [TimeSpan]::FromMilliseconds(50) }.GetEnumerator()) {
        $global:PSDefaultParameterValues["Connect-GenesysCloud:$($pair.Key)"] = $pair.Value
    }

    function Get-EmulatorAccessToken {
        <# A token from the login host, as another tool would obtain it. #>
        $basic = [Convert]::ToBase64String([Text.Encoding]::ASCII.GetBytes("$($emulator.ClientId):$($emulator.ClientSecret)"))
        $answer = Invoke-RestMethod -Method Post -Uri "$($emulator.LoginUrl)/oauth/token" -Headers @{ Authorization = "Basic $basic" } `
            -Body @{ grant_type = 'client_credentials' } -ContentType 'application/x-www-form-urlencoded'
        ConvertTo-SecureString $answer.access_token -AsPlainText -Force
    }
}

AfterAll {
    foreach ($key in @($global:PSDefaultParameterValues.Keys | Where-Object { $_ -like 'Connect-GenesysCloud:*' })) { $global:PSDefaultParameterValues.Remove($key) }
    foreach ($name in $savedEnvironment.Keys) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
    Remove-Item $helpBrowser -ErrorAction Ignore
}

Describe 'Get-Help <Name>' -ForEach $commandCases {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'comes from the compiled MAML, not the generated stub' {
        $help.description | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape('[<CommonParameters>]'))
    }

    It 'has a synopsis' {
        $help.Synopsis.Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has a description' {
        (@($help.description.Text) -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            ([string]$example.code).Trim() | Should -Not -BeNullOrEmpty -Because $example.title
            (@($example.remarks.Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes every parameter, and no parameter the cmdlet does not have' {
        $actual = @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters } | Sort-Object)
        $documented = @($help.parameters.parameter.name | Sort-Object)
        $documented | Should -Be $actual
        # (PowerShell variables ignore case: $parameterName, never $name, beside the -ForEach $Name.)
        foreach ($parameterName in $actual) {
            (@((Get-Help $Name -Parameter $parameterName).description.Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
        }
    }

    It 'shows one syntax per parameter set, with the metadata of the code' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
        foreach ($parameterName in @($command.Parameters.Keys | Where-Object { $_ -notin $commonParameters })) {
            $parameter = $command.Parameters[$parameterName]
            $shown = Get-Help $Name -Parameter $parameterName
            $mandatory = @($parameter.ParameterSets.Values.IsMandatory | Select-Object -Unique)
            if ($mandatory.Count -eq 1) { $shown.required | Should -Be $mandatory[0].ToString().ToLowerInvariant() -Because "-$parameterName" }
            if ($parameter.ParameterSets.Values.ValueFromPipeline -contains $true) { $shown.pipelineInput | Should -Match 'ByValue' -Because "-$parameterName" }
            if ($parameter.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true) { $shown.pipelineInput | Should -Match 'ByPropertyName' -Because "-$parameterName" }
            $positions = @($parameter.ParameterSets.Values.Position | Select-Object -Unique)
            if ($positions.Count -eq 1 -and $positions[0] -ge 0) { $shown.position | Should -Be ([string]$positions[0]) -Because "-$parameterName" }
            $shown.type.name | Should -Be $(if ([Nullable]::GetUnderlyingType($parameter.ParameterType)) { [Nullable]::GetUnderlyingType($parameter.ParameterType).Name } else { $parameter.ParameterType.Name }) -Because "-$parameterName"
        }
    }
}

Describe 'The compiled help file' {
    It 'is beside the manifest, where Get-Help looks under either edition, and holds every cmdlet' {
        $file = Join-Path $modulePath 'GenesysConvo.dll-Help.xml'
        $file | Should -Exist
        $xml = [xml](Get-Content $file -Raw)
        $xml.helpItems.schema | Should -Be 'maml'
        @($xml.helpItems.command).Count | Should -Be @(Get-Command -Module GenesysConvo -CommandType Cmdlet).Count
    }
}

Describe 'build/New-MamlHelp.ps1 refuses help that drifts from the code' {
    BeforeAll {
        $builder = Join-Path $PSScriptRoot '../../build/New-MamlHelp.ps1'
        $docs = Join-Path $PSScriptRoot '../../docs/help'
        # A copy of the module, so a run of the builder can never touch the module under test.
        $moduleCopy = Join-Path $TestDrive 'GenesysConvo'
        Copy-Item $modulePath $moduleCopy -Recurse
        Remove-Item (Join-Path $moduleCopy 'GenesysConvo.dll-Help.xml')

        function Invoke-Builder([string] $DocsPath) {
            $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoLogo -NoProfile -NonInteractive -File $builder -ModulePath $moduleCopy -DocsPath $DocsPath 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        }
        function New-DocsCopy {
            $copy = Join-Path $TestDrive ([Guid]::NewGuid())
            New-Item -ItemType Directory $copy | Out-Null
            Copy-Item (Join-Path $docs '*.md') $copy
            $copy
        }
    }

    It 'fails, naming the file, when an exported cmdlet has no markdown' {
        $copy = New-DocsCopy
        Remove-Item (Join-Path $copy 'Get-GenesysCloudContext.md')
        $result = Invoke-Builder $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match ([regex]::Escape('Get-GenesysCloudContext.md'))
        Join-Path $moduleCopy 'GenesysConvo.dll-Help.xml' | Should -Not -Exist
    }

    It 'fails, naming the file, when the markdown documents a parameter the cmdlet does not have' {
        $copy = New-DocsCopy
        $file = Join-Path $copy 'Invoke-GenesysCloudRequest.md'
        (Get-Content $file -Raw) -replace '(?m)^## INPUTS', "### -Timeout`nA parameter that does not exist.`n`n## INPUTS" | Set-Content $file
        $result = Invoke-Builder $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Invoke-GenesysCloudRequest\.md.*-Timeout'
    }

    It 'fails, naming the file, when a cmdlet parameter is undocumented' {
        $copy = New-DocsCopy
        $file = Join-Path $copy 'Connect-GenesysCloud.md'
        (Get-Content $file -Raw) -replace '(?ms)^### -RetryDelay\r?\n.*?(?=^### )', '' | Set-Content $file
        $result = Invoke-Builder $copy
        $result.ExitCode | Should -Be 1
        $result.Output | Should -Match 'Connect-GenesysCloud\.md.*-RetryDelay'
    }

    It 'writes the help from the real docs beside the manifest' {
        $result = Invoke-Builder $docs
        $result.ExitCode | Should -Be 0 -Because $result.Output
        Join-Path $moduleCopy 'GenesysConvo.dll-Help.xml' | Should -Exist
    }
}

Describe '<Name> <Title>' -ForEach $exampleCases {
    BeforeEach {
        Reset-Emulator $emulator
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $accessToken = Get-EmulatorAccessToken
        # Each example writes its files (exports, checkpoints) into a temporary folder of its own, so no run sees another's.
        $savedTemp = $env:TMPDIR
        $env:TMPDIR = (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([Guid]::NewGuid()))).FullName + [IO.Path]::DirectorySeparatorChar
    }

    AfterEach { $env:TMPDIR = $savedTemp }

    It 'runs against the emulator without an error' {
        $ErrorActionPreference = 'Stop'
        { $null = & ([scriptblock]::Create($Code)) } | Should -Not -Throw
    }
}
