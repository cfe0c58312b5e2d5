# The README's "Try it offline" section as a newcomer follows it: build/Emulator.ps1 (what build.ps1 -Task Emulator
# runs) starts the emulator on fixed ports and prints how to connect; the printed line connects, and every PowerShell
# block of the tour runs as written. Only the ports differ (free ones here, so parallel runs cannot collide) and the
# module path (this run's build); the test substitutes them and nothing else.
BeforeAll {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $modulePath = $env:GENESYSCONVO_MODULE_PATH
    $variables = 'GENESYSCLOUD_API_BASE_URI', 'GENESYSCLOUD_LOGIN_BASE_URI', 'GENESYSCLOUD_OAUTHCLIENT_ID',
        'GENESYSCLOUD_OAUTHCLIENT_SECRET', 'GENESYSCLOUD_REGION', 'GENESYSCLOUD_ACCESS_TOKEN'
    $savedEnvironment = @{}
    foreach ($name in $variables) { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
    $savedLocation = Get-Location

    function Get-FreePort {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    $apiPort = Get-FreePort
    $loginPort = Get-FreePort
    $stdout = [IO.Path]::GetTempFileName()
    $script = Join-Path $root 'build/Emulator.ps1'
    $process = Start-Process -FilePath 'dotnet' -PassThru -RedirectStandardOutput $stdout -RedirectStandardError "$stdout.err" `
        -ArgumentList @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-File', $script,
            '-ModulePath', $modulePath, '-ApiPort', $apiPort, '-LoginPort', $loginPort)
    $deadline = [DateTime]::UtcNow.AddSeconds(90)
    $printed = @()
    while (-not ($printed -match 'Connect-GenesysCloud$')) {
        if ($process.HasExited) { throw "build/Emulator.ps1 exited: $(Get-Content $stdout -Raw) $(Get-Content "$stdout.err" -Raw)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw "build/Emulator.ps1 printed no connect line within 90 s: $(Get-Content $stdout -Raw)" }
        Start-Sleep -Milliseconds 200
        $printed = @(Get-Content $stdout -ErrorAction Ignore)
    }

    # The README's ```powershell blocks between "## Try it offline" and the next section, in order.
    $readme = Get-Content (Join-Path $root 'README.md') -Raw
    $section = [regex]::Match($readme, '(?ms)^## Try it offline\r?\n(.*?)^## ').Groups[1].Value
    $tour = @([regex]::Matches($section, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value })
}

AfterAll {
    Set-Location $savedLocation
    foreach ($name in $variables) { [Environment]::SetEnvironmentVariable($name, $savedEnvironment[$name]) }
    Get-Module GenesysConvo | Remove-Module -Force
    if ($process -and -not $process.HasExited) { Stop-Process -Id $process.Id -Force; $null = $process.WaitForExit(10000) }
    Remove-Item $stdout, "$stdout.err" -ErrorAction Ignore
}

Describe 'build.ps1 -Task Emulator' {
    It 'prints the emulator''s fixed ports and a Connect-GenesysCloud line that connects as printed' {
        $printed | Should -Contain "Genesys Cloud emulator running: API http://127.0.0.1:$apiPort, login http://127.0.0.1:$loginPort. Ctrl+C stops it."
        $import = ($printed -match '^\s*Import-Module ').Trim()
        $connect = ($printed -match '^\s*Connect-GenesysCloud -ClientId ').Trim()
        @($connect).Count | Should -Be 1

        . ([scriptblock]::Create("$import; $connect"))

        $context = Get-GenesysCloudContext
        $context.ApiBaseUri | Should -Be ([uri]"http://127.0.0.1:$apiPort")
        $context.ClientId | Should -Be 'emulator-client-id'
    }
}

Describe 'README: Try it offline' {
    It 'has the connect block and the three tour blocks' {
        $tour.Count | Should -Be 4
        $tour[0] | Should -Match "GENESYSCLOUD_API_BASE_URI = 'http://127.0.0.1:8990'"
        $tour[0] | Should -Match "GENESYSCLOUD_LOGIN_BASE_URI = 'http://127.0.0.1:8991'"
    }

    It 'runs every block as written, in one session, connecting through the environment variables' {
        $workFolder = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-tour-$PID"
        New-Item -ItemType Directory -Path $workFolder -Force | Out-Null
        Set-Location $workFolder
        try {
            foreach ($name in $variables) { [Environment]::SetEnvironmentVariable($name, $null) }
            $ErrorActionPreference = 'Stop'
            $shown = foreach ($block in $tour) {
                $code = $block.Replace('127.0.0.1:8990', "127.0.0.1:$apiPort").Replace('127.0.0.1:8991', "127.0.0.1:$loginPort").
                    Replace('Import-Module ./out/GenesysConvo', "Import-Module '$modulePath'")
                . ([scriptblock]::Create($code)) 4>&1 | Out-String -Width 120
            }
            $shown = $shown -join "`n"

            # -Verbose names the URLs the environment gave.
            $shown | Should -Match ([regex]::Escape("Connecting to http://127.0.0.1:$apiPort/ (login http://127.0.0.1:$loginPort/)"))
            (Get-GenesysCloudContext).ApiBaseUri | Should -Be ([uri]"http://127.0.0.1:$apiPort")
            $shown | Should -Match 'WaitingInQueue|Talking|InIvr'
            $calls = @(Import-Csv (Join-Path $workFolder 'yesterday.csv'))
            $calls.Count | Should -BeGreaterThan 100
            @($calls | Where-Object MediaType -ne 'voice').Count | Should -Be 0
            $shown | Should -Match $calls[0].ConversationId
            $shown | Should -Match 'AverageHandleTime'
        } finally {
            Set-Location $savedLocation
            Remove-Item $workFolder -Recurse -Force -ErrorAction Ignore
        }
    }
}
