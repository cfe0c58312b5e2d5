# Drives the local Genesys Cloud emulator from PowerShell: start and stop it, call its control API, connect the module
# to it. Imported by the Pester suites (through tests/Pester/TestHelpers.psm1), the demo and the benchmarks.
$ErrorActionPreference = 'Stop'

function Get-EmulatorAssembly {
    <# The built emulator beside this file (bin/<configuration>/<framework>/); the most recent build if there are several. #>
    $built = Get-ChildItem (Join-Path $PSScriptRoot 'bin') -Filter 'GenesysConvo.Emulator.dll' -Recurse -Depth 2 -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    if (-not $built) { throw "The emulator is not built under $(Join-Path $PSScriptRoot 'bin'); run build.ps1 -Task Build." }
    $built.FullName
}

function Get-AnnouncedUrl([string[]] $Lines, [string] $Name) {
    <# The value of the emulator's "<Name>=<url>" stdout line, once it is there. #>
    foreach ($line in $Lines) {
        if ($line -like "$Name=*") { return $line.Substring($Name.Length + 1).Trim() }
    }
}

function Start-GenesysEmulator {
    <#
    Starts the emulator on loopback ports (ephemeral unless -ApiPort / -LoginPort fix them); it exits by itself if this
    process dies. -ArgumentList takes the other command-line options (README.md).
    #>
    param([string[]] $ArgumentList = @(), [int] $ApiPort = 0, [int] $LoginPort = 0)
    $dll = Get-EmulatorAssembly
    $stdout = [IO.Path]::GetTempFileName()
    $stderr = [IO.Path]::GetTempFileName()
    $arguments = @($dll, '--parent-pid', $PID, '--quiet') + $ArgumentList
    if ($ApiPort) { $arguments += @('--api-port', $ApiPort) }
    if ($LoginPort) { $arguments += @('--login-port', $LoginPort) }
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru `
        -RedirectStandardOutput $stdout -RedirectStandardError $stderr
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    $api = $login = $null
    while (-not ($api -and $login)) {
        if ($process.HasExited) {
            $message = "The emulator exited with code $($process.ExitCode): $(Get-Content $stderr -Raw)"
            Remove-Item $stdout, $stderr -ErrorAction Ignore
            throw $message
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            Stop-Process -Id $process.Id -Force -ErrorAction Ignore
            throw 'The emulator did not print its URLs within 60 s.'
        }
        Start-Sleep -Milliseconds 100
        $lines = Get-Content $stdout -ErrorAction Ignore
        $api = Get-AnnouncedUrl $lines 'EMULATOR_API_URL'
        $login = Get-AnnouncedUrl $lines 'EMULATOR_LOGIN_URL'
    }
    [pscustomobject]@{
        ApiUrl       = $api
        LoginUrl     = $login
        ApiPort      = ([uri]$api).Port
        LoginPort    = ([uri]$login).Port
        ArgumentList = $ArgumentList
        Process      = $process
        ClientId     = 'emulator-client-id'
        ClientSecret = 'emulator-client-secret'
        PkceClientId = 'emulator-pkce-client'
        StdOut       = $stdout
        StdErr       = $stderr
    }
}

function Restart-GenesysEmulator {
    <#
    What a crash and a restart do: kills the emulator hard (Stop-Process -Force) unless it is already gone, then starts
    a new one with the same options on the same ports (also when the first one had ephemeral ports), so the URLs a
    session holds stay valid and, with the same --seed, so do the org and the conversations. Everything held in memory
    is gone: tokens (the old one gets 401 bad.credentials), jobs, clock, faults, config overrides, the request log.
    Returns the new emulator object.
    #>
    param([Parameter(Mandatory)] $Emulator)
    Stop-GenesysEmulator $Emulator
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        try {
            return Start-GenesysEmulator -ArgumentList $Emulator.ArgumentList -ApiPort $Emulator.ApiPort -LoginPort $Emulator.LoginPort
        } catch {
            # Exit code 3: a port is still held (the system may release it a moment after the process is gone).
            if ($_.Exception.Message -notlike '*exited with code 3:*' -or [DateTime]::UtcNow -gt $deadline) { throw }
            Start-Sleep -Milliseconds 200
        }
    }
}

function Stop-GenesysEmulator {
    param($Emulator)
    if (-not $Emulator) { return }
    if (-not $Emulator.Process.HasExited) {
        Stop-Process -Id $Emulator.Process.Id -Force -ErrorAction Ignore
        $null = $Emulator.Process.WaitForExit(10000)
    }
    Remove-Item $Emulator.StdOut, $Emulator.StdErr -ErrorAction Ignore
}

function Invoke-EmulatorControl {
    <# Calls the emulator's test-only control API (/__emulator/...). #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $parameters = @{ Uri = "$($Emulator.ApiUrl)/__emulator/$($Path.TrimStart('/'))"; Method = $Method }
    if ($null -ne $Body) { $parameters.Body = ($Body | ConvertTo-Json -Depth 10 -Compress); $parameters.ContentType = 'application/json' }
    # Assigned first so a JSON array is written element by element.
    $response = Invoke-RestMethod @parameters
    $response
}

function Reset-Emulator {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl $Emulator 'reset' -Method POST
}

function Get-EmulatorRequest {
    <# The emulator's request log, oldest first; -Api / -Login keep one host's requests. #>
    param([Parameter(Mandatory)] $Emulator, [switch] $Api, [switch] $Login)
    $log = @(Invoke-EmulatorControl $Emulator 'requests')
    if ($Api) { $log = @($log | Where-Object host -eq 'api') }
    if ($Login) { $log = @($log | Where-Object host -eq 'login') }
    $log
}

function Connect-Emulator {
    <# Connect-GenesysCloud to the emulator with its client credentials; extra parameters pass through. #>
    param([Parameter(Mandatory)] $Emulator, [hashtable] $With = @{})
    $secret = ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force
    $parameters = @{
        ClientId     = $Emulator.ClientId
        ClientSecret = $secret
        ApiBaseUri   = $Emulator.ApiUrl
        LoginBaseUri = $Emulator.LoginUrl
        RetryDelay   = [TimeSpan]::FromMilliseconds(50)
    }
    foreach ($key in $With.Keys) { $parameters[$key] = $With[$key] }
    Connect-GenesysCloud @parameters
}

Export-ModuleMember -Function Start-GenesysEmulator, Restart-GenesysEmulator, Stop-GenesysEmulator, Invoke-EmulatorControl,
    Reset-Emulator, Get-EmulatorRequest, Connect-Emulator
