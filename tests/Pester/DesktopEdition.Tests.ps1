# Windows PowerShell 5.1 as far as Linux allows: the module's desktop/ build (netstandard2.0) loaded by a .NET Framework
# 4.8 program under Mono (tests/DesktopHost) through the module's own 5.1 resolver, its engine streaming a day of history
# from the emulator. PowerShell itself is not in it: Windows PowerShell's System.Management.Automation does not exist on
# Linux. README "Windows PowerShell 5.1" says what this proves and what only Windows can.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $mono = Get-Command mono -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $noMono = 'mono is not on PATH, so the .NET Framework host cannot run here. Install it with ' +
        '"apt-get install mono-runtime mono-devel" (Debian; .ci/run does this in CI). mono-devel is needed: it ships the ' +
        'netstandard.dll facade that netstandard2.0 assemblies bind to.'
    $desktop = Join-Path $env:GENESYSCONVO_MODULE_PATH 'desktop'
    $hostExe = Get-ChildItem (Join-Path $PSScriptRoot '../DesktopHost/bin') -Filter 'GenesysConvo.DesktopHost.exe' -Recurse -ErrorAction Ignore |
        Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1
    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    # Runs the host with the emulator's endpoints and credentials in the GENESYSCLOUD_* variables, as a runbook would
    # have them; returns its exit code, the lines it printed and its error output.
    function Invoke-DesktopHost([string[]] $Arguments) {
        $variables = @{
            GENESYSCLOUD_API_BASE_URI       = $emulator.ApiUrl
            GENESYSCLOUD_LOGIN_BASE_URI     = $emulator.LoginUrl
            GENESYSCLOUD_OAUTHCLIENT_ID     = $emulator.ClientId
            GENESYSCLOUD_OAUTHCLIENT_SECRET = $emulator.ClientSecret
        }
        $saved = @{}
        foreach ($name in $variables.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $variables[$name]) }
        $errors = [IO.Path]::GetTempFileName()
        try {
            $lines = @(& $mono.Source $hostExe.FullName @Arguments 2> $errors)
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines; Errors = (Get-Content $errors -Raw) }
        } finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            Remove-Item $errors -ErrorAction Ignore
        }
    }

    if ($mono) {
        if (-not $hostExe) { throw 'tests/DesktopHost is not built: run build.ps1 -Task Build.' }
        $emulator = Start-GenesysEmulator
        # A whole day that ended 13 hours ago: no conversation lasts more than 12 hours (emulator README), so every one
        # that started in it has ended and the truth cannot change while the host reads.
        $now = [DateTimeOffset]::UtcNow
        $to = [DateTimeOffset]::new($now.UtcDateTime.Date.AddHours($now.UtcDateTime.Hour - 13), [TimeSpan]::Zero)
        $from = $to.AddDays(-1)
        $run = Invoke-DesktopHost @($desktop, (Format-Utc $from), (Format-Utc $to))
        $truth = @((Invoke-EmulatorControl $emulator "conversations?from=$(Format-Utc $from)&to=$(Format-Utc $to)&fields=brief&limit=1000000").conversations)
        $records = @($run.Lines | Where-Object { $_ -like "record`t*" } | ForEach-Object {
                $field = $_ -split "`t"
                [pscustomobject]@{ Id = $field[1]; Start = $field[2]; End = $field[3]; QueueId = $field[6]; Queue = $field[7] }
            })
        $asked = @($run.Lines | Where-Object { $_ -like "asked`t*" } | ForEach-Object { ($_ -split "`t")[1] })
        $loaded = @($run.Lines | Where-Object { $_ -like "loaded`t*" } | ForEach-Object {
                $field = $_ -split "`t"
                [pscustomobject]@{ Name = $field[1]; Version = $field[2]; Path = $field[3] }
            })
    }
}

AfterAll { Stop-GenesysEmulator $emulator }

Describe 'Windows PowerShell 5.1 edition: the desktop build under Mono' {
    It 'streams a day of history through the engine: the records equal the emulator''s ground truth' {
        if (-not $mono) { Set-ItResult -Skipped -Because $noMono; return }
        $run.ExitCode | Should -Be 0 -Because "the host must complete the search: $($run.Errors)"
        $run.Lines[0] | Should -BeLike 'runtime Mono *' -Because 'this is the .NET Framework API surface under Mono, not .NET'
        $truth.Count | Should -BeGreaterThan 1000 -Because 'a day of the emulator is ~2,900 conversations'
        @($truth | Where-Object { -not $_.conversationEnd }).Count | Should -Be 0 -Because 'the window ended 13 hours ago'
        $run.Lines | Should -Contain "written $($truth.Count)"
        $records.Count | Should -Be $truth.Count
        @($records.Id | Sort-Object -Unique).Count | Should -Be $records.Count -Because 'no conversation may be written twice'
        # Same conversations, each with the same start and end to the millisecond (System.Text.Json on Mono).
        $expected = @($truth | ForEach-Object { "$($_.conversationId) $(Format-Utc $_.conversationStart) $(Format-Utc $_.conversationEnd)" })
        $actual = @($records | ForEach-Object { "$($_.Id) $($_.Start) $($_.End)" })
        Compare-Object ($expected | Sort-Object) ($actual | Sort-Object) | Should -BeNullOrEmpty
    }

    It 'adds TLS 1.2 to a host that offers only TLS 1.0, keeping what the host chose' {
        if (-not $mono) { Set-ItResult -Skipped -Because $noMono; return }
        $run.Lines | Should -Contain 'protocols Tls, Tls12' -Because 'Genesys Cloud accepts TLS 1.2 and later only'
    }

    It 'names queues through the engine''s name resolver, as the org has them' {
        if (-not $mono) { Set-ItResult -Skipped -Because $noMono; return }
        $org = Invoke-EmulatorControl $emulator 'org'
        $queueNames = @{}
        foreach ($queue in $org.queues) { $queueNames[$queue.id] = $queue.name }
        $withQueue = @($records | Where-Object QueueId)
        $withQueue.Count | Should -BeGreaterThan ($records.Count / 2)
        # A conversation that went through several queues lists them in one order, ids and names alike.
        $misnamed = @($withQueue | Where-Object { $_.Queue -cne (@($_.QueueId -split '; ' | ForEach-Object { $queueNames[$_] }) -join '; ') })
        $misnamed | Should -BeNullOrEmpty
    }

    It 'loads the engine and every dependency it uses from the module''s own folders' {
        if (-not $mono) { Set-ItResult -Skipped -Because $noMono; return }
        # What the runtime cannot find by itself, the resolver answers: the engine (in Dependencies/) and the models.
        $asked | Should -Contain 'GenesysConvo.Core'
        $asked | Should -Contain 'GenesysConvo.Models'
        $dependencies = Join-Path (Resolve-Path $desktop) 'Dependencies'
        foreach ($name in 'GenesysConvo.Core', 'Polly.Core', 'Microsoft.Extensions.Http', 'Microsoft.Bcl.AsyncInterfaces', 'System.Text.Json', 'System.Memory') {
            ($loaded | Where-Object Name -eq $name).Path | Should -Be (Join-Path $dependencies "$name.dll") -Because "$name ships in Dependencies/"
        }
        ($loaded | Where-Object Name -eq 'GenesysConvo.Models').Path | Should -Be (Join-Path (Resolve-Path $desktop) 'GenesysConvo.Models.dll')
        # Mono maps System.Numerics.Vectors (asked for by System.Memory) to its own framework copy; .NET Framework 4.8
        # would take ours (4.1.x, newer than its own 4.0.0.0). Every other assembly must be the module's.
        $elsewhere = @($loaded | Where-Object { $_.Name -ne 'System.Numerics.Vectors' -and -not $_.Path.StartsWith((Resolve-Path $desktop).Path) })
        $elsewhere | Should -BeNullOrEmpty
    }

    It 'cannot reach the engine without the module''s resolver (the control: the run above went through it)' {
        if (-not $mono) { Set-ItResult -Skipped -Because $noMono; return }
        $control = Invoke-DesktopHost @('--without-resolver', $desktop, (Format-Utc $from), (Format-Utc $from.AddMinutes(1)))
        $control.ExitCode | Should -Be 1
        $control.Errors | Should -BeLike "*Could not load file or assembly 'GenesysConvo.Core*"
    }
}
