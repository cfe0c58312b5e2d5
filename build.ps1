<#
.SYNOPSIS
    Builds, tests and demonstrates GenesysConvo. Run through the pinned PowerShell tool:
        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test
.PARAMETER Task
    Build  - compile and lay out the module in out/GenesysConvo (Import-Module ./out/GenesysConvo)
    Test   - Build, then every suite (xunit, Pester against the emulator); ends with "Total: N passed, N failed, N skipped"
    Demo   - Build, start the local Genesys Cloud emulator and run the demo against it
    Package - Build, then pack out/packages/GenesysConvo.<version>.nupkg (Publish-PSResource / Install-PSResource)
    Emulator - Build, then run the emulator on fixed ports (-ApiPort, -LoginPort) until Ctrl+C and print how to connect
    Bench  - Build, then the benchmarks (ratios against baselines measured in the same run; -Quick, -UpdateReadme)
    Clean  - remove build output
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Pester only: run the test files whose name matches (e.g. Connect).
    [string] $TestFilter,
    # Emulator only: its loopback ports.
    [int] $ApiPort = 8990,
    [int] $LoginPort = 8991,
    # Bench only: the quick mode (fewer records, 3 rounds); -UpdateReadme writes the report into README.md.
    [switch] $Quick,
    [switch] $UpdateReadme
)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$root = $PSScriptRoot
$out = Join-Path $root 'out/GenesysConvo'

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Invoke-ChildPwsh([string] $Script, [string[]] $Arguments) {
    # A child process, so the freshly built DLLs are loaded there and never locked in this session.
    & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoLogo -NoProfile -NonInteractive -File $Script @Arguments | Out-Host
    return $LASTEXITCODE
}

function Invoke-Build {
    Invoke-Native 'Restoring tools and test modules' { dotnet restore (Join-Path $root 'build/modules.csproj') --verbosity quiet }
    Invoke-Native 'Build' { dotnet build (Join-Path $root 'GenesysConvo.sln') -c $Configuration --verbosity quiet -nologo -clp:ErrorsOnly }

    if (Test-Path $out) { Remove-Item $out -Recurse -Force }
    $cmdletProject = Join-Path $root 'src/GenesysConvo.PowerShell'
    foreach ($edition in @(@{ Name = 'core'; Tfm = 'net8.0' }, @{ Name = 'desktop'; Tfm = 'netstandard2.0' })) {
        $target = Join-Path $out $edition.Name
        $dependencies = Join-Path $target 'Dependencies'
        New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
        # Default load context: the cmdlets and the record types scripts name.
        foreach ($file in 'GenesysConvo.dll', 'GenesysConvo.Models.dll') {
            Copy-Item (Join-Path $cmdletProject "bin/$Configuration/$($edition.Tfm)/$file") $target
        }
        # Private load context: the engine and its third-party dependencies.
        Get-ChildItem (Join-Path $root "src/GenesysConvo.Core/bin/$Configuration/$($edition.Tfm)") -Filter *.dll |
            Where-Object Name -ne 'GenesysConvo.Models.dll' |
            Copy-Item -Destination $dependencies
    }
    Invoke-ReadyToRun (Join-Path $out 'core')
    Copy-Item (Join-Path $root 'GenesysConvo.psd1') $out
    Copy-Item (Join-Path $cmdletProject 'Formats/GenesysConvo.format.ps1xml') $out
    # Get-Help: MAML compiled from docs/help/*.md, beside each edition's cmdlet assembly.
    $helpBuilder = Join-Path $root 'build/New-MamlHelp.ps1'
    if (Invoke-ChildPwsh $helpBuilder @('-ModulePath', $out, '-DocsPath', (Join-Path $root 'docs/help'))) { throw 'Building the help failed.' }
    Write-Host "Module laid out in $out"
}

function Invoke-ReadyToRun([string] $Directory) {
    # The PowerShell 7 build precompiled for this platform and this pwsh's .NET: a fresh session JIT-compiles about half
    # as many methods before its first record (build/ReadyToRun/ReadyToRun.csproj says where it applies).
    $staging = Join-Path $root 'out/obj/readytorun'
    $project = Join-Path $root 'build/ReadyToRun/ReadyToRun.csproj'
    $framework = "net$([Environment]::Version.Major).0"
    $runtime = [Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    Invoke-Native 'ReadyToRun' {
        dotnet publish $project -c $Configuration -r $runtime -o $staging --verbosity quiet -nologo -clp:ErrorsOnly `
            "-p:TargetFramework=$framework" "-p:ModuleDirectory=$Directory" "-p:PowerShellHome=$PSHOME"
    }
    foreach ($file in Get-ChildItem $Directory -Filter *.dll -Recurse) {
        Copy-Item (Join-Path $staging $file.Name) $file.FullName
    }
    Remove-Item $staging -Recurse -Force
}

function Invoke-Test {
    $totals = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $results = Join-Path $root 'out/test-results'
    New-Item -ItemType Directory -Path $results -Force | Out-Null

    Write-Host "`n=== Format: dotnet format --verify-no-changes (.editorconfig)"
    & dotnet format (Join-Path $root 'GenesysConvo.sln') --verify-no-changes --no-restore 2>&1 | Out-Host
    if ($LASTEXITCODE) {
        Write-Host 'Formatting differs from .editorconfig: run dotnet format GenesysConvo.sln and review the diff (see CONTRIBUTING.md).'
        $totals.Failed += 1
    } else { $totals.Passed += 1 }

    Write-Host "`n=== xunit: GenesysConvo.Core.Tests"
    # A test that hangs ends the run after 5 minutes with its name, instead of holding CI until its time limit.
    $xunitLog = Join-Path $results 'xunit.log'
    & dotnet test (Join-Path $root 'tests/GenesysConvo.Core.Tests') -c $Configuration --no-build --nologo `
        --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | Tee-Object -FilePath $xunitLog | Out-Host
    $summary = Select-String -Path $xunitLog -Pattern 'Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)' | Select-Object -Last 1
    if ($summary) {
        $totals.Failed += [int]$summary.Matches[0].Groups[1].Value
        $totals.Passed += [int]$summary.Matches[0].Groups[2].Value
        $totals.Skipped += [int]$summary.Matches[0].Groups[3].Value
    } else {
        Write-Host 'xunit printed no summary: counting the suite as one failure.'
        $totals.Failed += 1
    }

    Write-Host "`n=== Pester: tests/Pester"
    $pesterJson = Join-Path $results 'pester.json'
    Remove-Item $pesterJson -ErrorAction Ignore
    $runner = Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1'
    $arguments = @('-ModulePath', $out, '-ResultPath', $pesterJson)
    if ($TestFilter) { $arguments += @('-Filter', $TestFilter) }
    $null = Invoke-ChildPwsh $runner $arguments
    if (Test-Path $pesterJson) {
        $pester = Get-Content $pesterJson -Raw | ConvertFrom-Json
        $totals.Passed += $pester.Passed; $totals.Failed += $pester.Failed; $totals.Skipped += $pester.Skipped
    } else {
        Write-Host 'Pester wrote no results: counting the suite as one failure.'
        $totals.Failed += 1
    }

    Write-Host ''
    Write-Host "Total: $($totals.Passed) passed, $($totals.Failed) failed, $($totals.Skipped) skipped"
    if ($totals.Failed -gt 0) { exit 1 }
}

switch ($Task) {
    'Clean' {
        Remove-Item (Join-Path $root 'out') -Recurse -Force -ErrorAction Ignore
        Invoke-Native 'Clean' { dotnet clean (Join-Path $root 'GenesysConvo.sln') -c $Configuration --verbosity quiet -nologo }
    }
    'Build' { Invoke-Build }
    'Test' { Invoke-Build; Invoke-Test }
    'Demo' {
        Invoke-Build
        exit (Invoke-ChildPwsh (Join-Path $root 'build/Demo.ps1') @('-ModulePath', $out))
    }
    'Emulator' {
        Invoke-Build
        exit (Invoke-ChildPwsh (Join-Path $root 'build/Emulator.ps1') @('-ModulePath', $out, '-ApiPort', $ApiPort, '-LoginPort', $LoginPort))
    }
    'Package' {
        Invoke-Build
        exit (Invoke-ChildPwsh (Join-Path $root 'build/New-Package.ps1') @('-ModulePath', $out, '-OutputPath', (Join-Path $root 'out/packages')))
    }
    'Bench' {
        Invoke-Build
        $benchArguments = @('-ModulePath', $out)
        if ($Quick) { $benchArguments += '-Quick' }
        if ($UpdateReadme) { $benchArguments += '-UpdateReadme' }
        $main = Invoke-ChildPwsh (Join-Path $root 'tests/Bench/Invoke-Benchmarks.ps1') $benchArguments
        $watch = Invoke-ChildPwsh (Join-Path $root 'tests/Bench/Measure-WatchMemory.ps1') @('-ModulePath', $out)
        exit ([Math]::Max($main, $watch))
    }
}
