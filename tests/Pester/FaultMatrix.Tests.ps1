# The fault matrix (docs/reliability.md): every fault an unattended export meets, injected in the middle of a
# multi-page, multi-part export through the details query and through the jobs API. Each row ends in one of two ways,
# and the test says which: the export completes with the exact ground-truth set ("exact"), or it stops with a
# terminating error, leaves no file under the final name, and the same command continues from -CheckpointPath to the
# exact set ("resume"). Either way the file equals the one an undisturbed run writes, byte for byte. Waits are short:
# Retry-After 1 s at most, retry back-off of 50 ms, emulated job times of zero.
BeforeDiscovery {
    # Faults on the read that carries the data: the details query's pages, or a job's result pages. The rule lands on
    # the request after `skip` matching ones, so rows were written before it.
    $faults = @(
        @{ Name = '429 with Retry-After';            Outcome = 'exact';  Rule = @{ kind = 'status'; status = 429; retryAfter = '1'; count = 2 } }
        @{ Name = '429 without Retry-After';         Outcome = 'exact';  Rule = @{ kind = 'status'; status = 429; count = 2 } }
        @{ Name = '429 asking to wait past the cap'; Outcome = 'resume'; Rule = @{ kind = 'status'; status = 429; retryAfter = '600' } }
        @{ Name = 'a burst of 500';                  Outcome = 'exact';  Rule = @{ kind = 'status'; status = 500; count = 3 } }
        @{ Name = 'a burst of 502';                  Outcome = 'exact';  Rule = @{ kind = 'status'; status = 502; count = 3 } }
        @{ Name = 'a burst of 503';                  Outcome = 'exact';  Rule = @{ kind = 'status'; status = 503; count = 3 } }
        @{ Name = 'a burst of 504';                  Outcome = 'exact';  Rule = @{ kind = 'status'; status = 504; count = 3 } }
        @{ Name = 'an HTML 503 from a proxy';        Outcome = 'exact';  Rule = @{ kind = 'status'; status = 503; count = 2; contentType = 'text/html'; body = '<html><body>503 Service Unavailable</body></html>' } }
        @{ Name = 'a 500 that does not stop';        Outcome = 'resume'; Rule = @{ kind = 'status'; status = 500; count = -1 } }
        @{ Name = 'connection resets';               Outcome = 'exact';  Rule = @{ kind = 'reset'; count = 2 } }
        @{ Name = 'truncated bodies';                Outcome = 'exact';  Rule = @{ kind = 'truncate'; count = 2 } }
        @{ Name = 'a 200 whose JSON is cut';         Outcome = 'exact';  Rule = @{ kind = 'cutBody'; count = 2 } }
        @{ Name = 'a 200 without conversations';     Outcome = 'exact';  Rule = @{ kind = 'withoutConversations' } }
        @{ Name = 'a 200 that is {}';                Outcome = 'exact';  Rule = @{ kind = 'emptyObject' } }
        @{ Name = 'a 200 without conversations that does not stop'; Outcome = 'resume'; Rule = @{ kind = 'withoutConversations'; count = -1 } }
        @{ Name = 'a 200 that is HTML';              Outcome = 'exact';  Rule = @{ kind = 'status'; status = 200; count = 2; contentType = 'text/html'; body = '<html><body>Maintenance</body></html>' } }
    )
    $paths = @(
        @{ Path = 'query'; Source = 'the details query' }
        @{ Path = 'jobs'; Source = 'the jobs API' }
    )
    $matrix = foreach ($path in $paths) { foreach ($fault in $faults) { $fault + $path } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $folder = Join-Path ([IO.Path]::GetTempPath()) "genesysconvo-faults-$([Guid]::NewGuid())"
    New-Item -ItemType Directory -Path $folder | Out-Null
    function New-FilePath([string] $Name) { Join-Path $folder "$([Guid]::NewGuid())-$Name" }
    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }

    # Two emulators, each sized for its path: the details query over 8 days (two slices of the 7-day limit, pages of 50)
    # and the jobs API over 2 days (one job a day, each over 1,000 conversations: two result pages of the largest size).
    $start = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-12), [TimeSpan]::Zero)
    $setups = @{
        query = @{ Emulator = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '5'
                   Export = @{ StartTime = $start; EndTime = $start.AddDays(8); PageSize = 50 }
                   Data = @{ pathPrefix = '/api/v2/analytics/conversations/details/query'; skip = 5 } }
        jobs  = @{ Emulator = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '48'
                   Export = @{ StartTime = $start; EndTime = $start.AddDays(2); Bulk = $true }
                   Data = @{ pathContains = '/results'; skip = 1 } }
    }

    function Initialize-Setup([string] $Path, [hashtable] $Connect = @{}) {
        $setup = $setups[$Path]
        Reset-Emulator $setup.Emulator
        $null = Invoke-EmulatorControl $setup.Emulator 'config' -Method PUT -Body @{ jobQueuedMs = 0; jobPendingMs = 0 }
        $setup.Session = Connect-Emulator $setup.Emulator -With (@{ PassThru = $true } + $Connect)
        $setup
    }

    function Invoke-Export($Setup, [string] $File, [string] $Checkpoint) {
        $parameters = $Setup.Export + @{ Path = $File; Session = $Setup.Session; Force = $true }
        if ($Checkpoint) { $parameters.CheckpointPath = $Checkpoint }
        Export-GenesysConversationHistory @parameters
    }

    # A rule on the setup's data requests; the rule's own keys (skip included) win.
    function Add-Fault($Setup, [hashtable] $Rule) {
        $body = $Setup.Data.Clone()
        foreach ($key in $Rule.Keys) { $body[$key] = $Rule[$key] }
        $null = Invoke-EmulatorControl $Setup.Emulator 'faults' -Method POST -Body $body
    }

    # The conversations that started in the export's window and had ended, from the emulator's own records.
    foreach ($name in $setups.Keys) {
        $setup = Initialize-Setup $name
        $window = "from=$(Format-Utc $setup.Export.StartTime)&to=$(Format-Utc $setup.Export.EndTime)"
        $truth = (Invoke-EmulatorControl $setup.Emulator "conversations?$window&fields=brief&limit=1000000").conversations
        $setup.Truth = @($truth | Where-Object conversationEnd | ForEach-Object conversationId | Sort-Object)
        $setup.Reference = New-FilePath "$name-reference.csv"
        $null = Invoke-Export $setup $setup.Reference
    }

    function Assert-Exact($Setup, [string] $File) {
        $File | Should -Exist
        "$File.partial" | Should -Not -Exist
        $ids = @((Import-Csv $File).ConversationId)
        @($ids | Sort-Object -Unique).Count | Should -Be $ids.Count -Because 'no conversation may be written twice'
        Compare-Object $Setup.Truth @($ids | Sort-Object) | Should -BeNullOrEmpty
        (Get-FileHash $File).Hash | Should -Be (Get-FileHash $Setup.Reference).Hash -Because 'the file equals an undisturbed run''s'
    }

    # A failed run: a terminating error, no file under the final name, a checkpoint; the same command then completes.
    function Assert-Resumes($Setup, [string] $File, [string] $Checkpoint, [scriptblock] $Failing, [scriptblock] $Recover = {}) {
        $reached = $false
        { & $Failing; $reached = $true } | Should -Throw
        $reached | Should -BeFalse -Because 'a failed export stops the script'
        $File | Should -Not -Exist
        $Checkpoint | Should -Exist
        & $Recover
        $summary = Invoke-Export $Setup $File $Checkpoint
        $summary.Resumes | Should -Be 1
        $Checkpoint | Should -Not -Exist
        Assert-Exact $Setup $File
    }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    foreach ($setup in $setups.Values) { Stop-GenesysEmulator $setup.Emulator }
    Remove-Item $folder -Recurse -Force -ErrorAction Ignore
}

Describe 'Faults in the middle of an export through <Source>' -Tag FaultMatrix -ForEach $paths {
    It '<Name>: <Outcome>' -ForEach @($matrix | Where-Object Path -eq $Path) {
        $setup = Initialize-Setup $Path
        $file = New-FilePath "$Path.csv"; $checkpoint = New-FilePath "$Path.checkpoint"
        Add-Fault $setup $Rule
        if ($Outcome -eq 'exact') {
            $summary = Invoke-Export $setup $file $checkpoint
            $summary.Rows | Should -Be $setup.Truth.Count
            Assert-Exact $setup $file
            @(Invoke-EmulatorControl $setup.Emulator 'faults').Count | Should -Be 0 -Because 'the fault was met'
        } else {
            Assert-Resumes $setup $file $checkpoint { Invoke-Export $setup $file $checkpoint } {
                $null = Invoke-EmulatorControl $setup.Emulator 'faults' -Method DELETE }
        }
    }
}

Describe 'Faults of the session and the server during an export through <Source>' -Tag FaultMatrix -ForEach $paths {
    It 'a token revoked while the export runs: renewed once, exact' {
        $setup = Initialize-Setup $Path
        $file = New-FilePath "$Path.csv"
        # The data read after the first pages finds the token revoked (the rule delays it until the revocation is done).
        Add-Fault $setup @{ kind = 'latency'; latencyMs = 300 }
        $revoke = [powershell]::Create().AddScript({
                param($Url) Start-Sleep -Milliseconds 150; Invoke-RestMethod -Method POST "$Url/__emulator/tokens/revoke" }).
            AddArgument($setup.Emulator.ApiUrl)
        $handle = $revoke.BeginInvoke()
        try { $null = Invoke-Export $setup $file } finally { $null = $revoke.EndInvoke($handle); $revoke.Dispose() }
        Assert-Exact $setup $file
        @(Get-EmulatorRequest $setup.Emulator -Api | Where-Object status -eq 401).Count | Should -BeGreaterThan 0
    }

    # A request in flight when the token expires may still meet a 401 (then renewed once and sent again); that no request
    # is refused when there is time to renew first is HttpPipeline.Tests.ps1's "renews the token before it expires".
    It 'a token that expires while the export runs: renewed, exact' {
        $setup = Initialize-Setup $Path
        $null = Invoke-EmulatorControl $setup.Emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 2 }
        $setup.Session = Connect-Emulator $setup.Emulator -With @{ PassThru = $true }
        Add-Fault $setup @{ kind = 'latency'; latencyMs = 700; count = 4; skip = 0 }
        $file = New-FilePath "$Path.csv"
        $null = Invoke-Export $setup $file
        Assert-Exact $setup $file
        @(Get-EmulatorRequest $setup.Emulator -Login).Count | Should -BeGreaterThan 1 -Because 'the token was renewed'
    }

    It 'the server killed and restarted on the same ports: exact, or resumed to exact' {
        $setup = Initialize-Setup $Path
        $file = New-FilePath "$Path.csv"; $checkpoint = New-FilePath "$Path.checkpoint"
        Add-Fault $setup @{ kind = 'latency'; latencyMs = 400 }
        $restart = [powershell]::Create().AddScript({
                param($Helpers, $Emulator) Import-Module $Helpers; Start-Sleep -Milliseconds 200; Restart-GenesysEmulator $Emulator }).
            AddArgument((Join-Path $PSScriptRoot 'TestHelpers.psm1')).AddArgument($setup.Emulator)
        $handle = $restart.BeginInvoke()
        $failed = $null
        try { $null = Invoke-Export $setup $file $checkpoint } catch { $failed = $_ }
        $setup.Emulator = $restart.EndInvoke($handle) | Select-Object -Last 1
        $restart.Dispose()
        $null = Invoke-EmulatorControl $setup.Emulator 'config' -Method PUT -Body @{ jobQueuedMs = 0; jobPendingMs = 0 }
        if ($failed) {
            $file | Should -Not -Exist
            $checkpoint | Should -Exist
            $null = Invoke-Export $setup $file $checkpoint
        }
        Assert-Exact $setup $file
    }

    It 'the server killed for good: a terminating error; resumed when it is back' {
        $setup = Initialize-Setup $Path @{ MaxRetryDuration = [TimeSpan]::FromSeconds(2) }
        $file = New-FilePath "$Path.csv"; $checkpoint = New-FilePath "$Path.checkpoint"
        # The server dies once the first data page is written.
        $partial = "$file.partial"
        $kill = [powershell]::Create().AddScript({
                param($Partial, $ProcessId)
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not ((Test-Path $Partial) -and (Get-Item $Partial).Length -gt 2000) -and [DateTime]::UtcNow -lt $deadline) {
                    Start-Sleep -Milliseconds 20 }
                Stop-Process -Id $ProcessId -Force }).AddArgument($partial).AddArgument($setup.Emulator.Process.Id)
        $handle = $kill.BeginInvoke()
        Assert-Resumes $setup $file $checkpoint { try { Invoke-Export $setup $file $checkpoint } finally { $null = $kill.EndInvoke($handle) } } {
            $setup.Emulator = Restart-GenesysEmulator $setup.Emulator
            $null = Invoke-EmulatorControl $setup.Emulator 'config' -Method PUT -Body @{ jobQueuedMs = 0; jobPendingMs = 0 }
        }
        $kill.Dispose()
    }

    It 'Ctrl+C: stops within a second; the same command continues to exact' {
        $setup = Initialize-Setup $Path
        $file = New-FilePath "$Path.csv"; $checkpoint = New-FilePath "$Path.checkpoint"
        Add-Fault $setup @{ kind = 'latency'; latencyMs = 300; count = -1 }
        $run = [powershell]::Create().AddScript({
                param($Module, $Parameters) Import-Module $Module; Export-GenesysConversationHistory @Parameters }).
            AddArgument($env:GENESYSCONVO_MODULE_PATH).
            AddArgument($setup.Export + @{ Path = $file; CheckpointPath = $checkpoint; Session = $setup.Session; Force = $true })
        $handle = $run.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not ((Test-Path "$file.partial") -and (Get-Item "$file.partial").Length -gt 2000) -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 20 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $run.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $run.Dispose()
        $file | Should -Not -Exist
        $null = Invoke-EmulatorControl $setup.Emulator 'faults' -Method DELETE
        $summary = Invoke-Export $setup $file $checkpoint
        $summary.Resumes | Should -Be 1
        Assert-Exact $setup $file
    }
}

Describe 'Faults only the jobs API has' -Tag FaultMatrix {
    It 'a job that FAILS: a terminating error; resumed to exact' {
        $setup = Initialize-Setup 'jobs'
        $file = New-FilePath 'jobs.csv'; $checkpoint = New-FilePath 'jobs.checkpoint'
        $null = Invoke-EmulatorControl $setup.Emulator 'config' -Method PUT -Body @{ failNextJobs = 1 }
        Assert-Resumes $setup $file $checkpoint { Invoke-Export $setup $file $checkpoint }
    }
}
