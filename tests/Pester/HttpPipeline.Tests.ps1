# The one HTTP pipeline every call goes through: token reuse and renewal, 401 recovery, 429/5xx retries, errors,
# cancellation — proven through real HTTP against the emulator and read back from its request log.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $modulePath = $env:GENESYSCONVO_MODULE_PATH

    function Get-Gap($earlier, $later) { ([DateTimeOffset]$later.time - [DateTimeOffset]$earlier.time).TotalSeconds }
    function Add-Fault([hashtable] $Rule) { $null = Invoke-EmulatorControl $emulator 'faults' -Method POST -Body $Rule }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
}

Describe 'Tokens' {
    BeforeEach { Reset-Emulator $emulator }

    It 'one login serves many calls' {
        Connect-Emulator $emulator
        1..20 | ForEach-Object { $null = Invoke-GenesysCloudRequest /api/v2/organizations/me }
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 1
        $api = @(Get-EmulatorRequest $emulator -Api)
        $api.Count | Should -Be 21   # tokens/me at connect + 20 calls
        @($api.tokenId | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'renews the token before it expires, so no call is rejected' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 3 }
        Connect-Emulator $emulator
        $null = Invoke-GenesysCloudRequest /api/v2/organizations/me
        Start-Sleep -Milliseconds 2900   # inside the renewal margin (a tenth of the lifetime) but not yet expired
        $null = Invoke-GenesysCloudRequest /api/v2/organizations/me
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 2
        @(Get-EmulatorRequest $emulator -Api | Where-Object status -eq 401).Count | Should -Be 0
    }

    It 'recovers from a 401 with one re-authentication and one retry' {
        Connect-Emulator $emulator
        $null = Invoke-EmulatorControl $emulator 'tokens/revoke' -Method POST
        $result = Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose 4>&1
        ($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match '401'
        $log = @(Get-EmulatorRequest $emulator)
        @($log | Where-Object host -eq 'login').Count | Should -Be 2
        ($log | Select-Object -Last 3 | ForEach-Object { "$($_.host) $($_.status)" }) -join ', ' | Should -Be 'api 401, login 200, api 200'
    }

    It 'renews once for ten parallel calls (single-flight)' {
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $null = Invoke-EmulatorControl $emulator 'tokens/revoke' -Method POST
        $results = 1..10 | ForEach-Object -ThrottleLimit 10 -Parallel {
            Import-Module $using:modulePath
            Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $using:session
        }
        @($results).Count | Should -Be 10
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 2   # the connect, then exactly one renewal
    }

    It 'renews once for ten parallel calls at expiry' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ tokenLifetimeSeconds = 2 }
        # Ten runspaces take their time to start and import the module on a busy machine, longer than the renewed
        # token's 2 s would last. So they wait at a gate, and the ten calls start together once the token has expired.
        $ready = [Threading.CountdownEvent]::new(10)
        $gate = [Threading.ManualResetEventSlim]::new($false)
        $session = Connect-Emulator $emulator -With @{ PassThru = $true }
        $connected = [Diagnostics.Stopwatch]::StartNew()
        $job = 1..10 | ForEach-Object -ThrottleLimit 10 -AsJob -Parallel {
            Import-Module $using:modulePath
            $null = ($using:ready).Signal()
            $null = ($using:gate).Wait(60000)
            Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $using:session
        }
        $ready.Wait(60000) | Should -BeTrue
        Start-Sleep -Milliseconds ([Math]::Max(0, 2200 - $connected.ElapsedMilliseconds))
        $gate.Set()
        $results = $job | Receive-Job -Wait -AutoRemoveJob
        @($results).Count | Should -Be 10
        @(Get-EmulatorRequest $emulator -Login).Count | Should -Be 2
    }
}

Describe 'Retries' {
    BeforeEach { Reset-Emulator $emulator; Connect-Emulator $emulator; $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE }

    It 'waits what Retry-After says after a 429 (delta seconds)' {
        Add-Fault @{ kind = 'status'; status = 429; retryAfter = '2'; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $null = Invoke-GenesysCloudRequest /api/v2/organizations/me
        $log = @(Get-EmulatorRequest $emulator -Api)
        ($log.status -join ',') | Should -Be '429,200'
        # .NET's timers count whole milliseconds (a 2 s wait once ended 1 ms short of the two arrivals' gap here); the
        # exact wait is proven on a fake clock (xunit A_429_waits_exactly_what_Retry_After_says). A retry that ignored
        # Retry-After would come after the 50 ms -RetryDelay.
        Get-Gap $log[0] $log[1] | Should -BeGreaterOrEqual 1.99
        Get-Gap $log[0] $log[1] | Should -BeLessThan 3.5
    }

    It 'waits what Retry-After says after a 429 (HTTP date)' {
        $date = [DateTimeOffset]::UtcNow.AddSeconds(3).ToString('r')
        Add-Fault @{ kind = 'status'; status = 429; retryAfter = $date; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $null = Invoke-GenesysCloudRequest /api/v2/organizations/me
        $log = @(Get-EmulatorRequest $emulator -Api)
        ($log.status -join ',') | Should -Be '429,200'
        Get-Gap $log[0] $log[1] | Should -BeGreaterOrEqual 1.5   # the date has whole-second resolution
    }

    It 'backs off exponentially on 502/503/504 and then succeeds' {
        Add-Fault @{ kind = 'status'; status = 503; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        Add-Fault @{ kind = 'status'; status = 502; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        Add-Fault @{ kind = 'status'; status = 504; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        Connect-Emulator $emulator -With @{ RetryDelay = [TimeSpan]::FromMilliseconds(200) }
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        $null = Invoke-GenesysCloudRequest /api/v2/organizations/me
        $log = @(Get-EmulatorRequest $emulator -Api)
        ($log.status -join ',') | Should -Be '503,502,504,200'
        # Delays are drawn from [d/2, d] with d = 200, 400, 800 ms: each wait is longer than the one before.
        $gaps = 1..3 | ForEach-Object { Get-Gap $log[$_ - 1] $log[$_] }
        $gaps[0] | Should -BeGreaterOrEqual 0.1
        $gaps[2] | Should -BeGreaterThan $gaps[0]
        $gaps[2] | Should -BeGreaterOrEqual 0.4
    }

    It 'retries connection resets and truncated bodies' {
        Add-Fault @{ kind = 'reset'; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        Add-Fault @{ kind = 'truncate'; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $org = Invoke-GenesysCloudRequest /api/v2/organizations/me
        $org.name | Should -Not -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 3
    }

    It 'does not retry a 404 or a 400' {
        { Invoke-GenesysCloudRequest /api/v2/users/00000000-0000-0000-0000-000000000000 } | Should -Throw
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 1
    }

    It 'gives up after -MaxRetryCount with a clear terminating ConnectionError' {
        Connect-Emulator $emulator -With @{ MaxRetryCount = 2 }
        $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE
        Add-Fault @{ kind = 'status'; status = 503; pathPrefix = '/api/v2/organizations/me'; count = -1 }
        $failure = { Invoke-GenesysCloudRequest /api/v2/organizations/me } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.ServiceUnavailable,*'
        $failure.CategoryInfo.Category | Should -Be 'ConnectionError'
        $failure.Exception | Should -BeOfType ([GenesysConvo.GenesysApiException])
        $failure.Exception.Message | Should -Match 'Gave up after 3 attempts'
        $failure.Exception.Message | Should -Match 'correlation id'
        $failure.Exception.Attempts | Should -Be 3
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 3
    }

    It 'stops at once when Retry-After is longer than the longest wait allowed: LimitsExceeded' {
        Add-Fault @{ kind = 'status'; status = 429; retryAfter = '3600'; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $failure = { Invoke-GenesysCloudRequest /api/v2/organizations/me } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.RateLimited,*'
        $failure.Exception.Message | Should -Match 'longer than the longest wait'
        @(Get-EmulatorRequest $emulator -Api).Count | Should -Be 1
    }

    It 'meets the emulator''s own per-token rate limit when another client used up the token''s allowance: LimitsExceeded' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ rateLimitPerMinute = 5 }
        $token = (Invoke-EmulatorControl $emulator 'tokens/user' -Method POST -Body @{ expiresInSeconds = 3600 }).access_token
        Connect-GenesysCloud -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -ApiBaseUri $emulator.ApiUrl `
            -LoginBaseUri $emulator.LoginUrl -MaxRetryCount 0
        # The session has seen 1 of 5 used; another script with the same token takes the other 4, unknown to its pacer.
        1..4 | ForEach-Object {
            $null = Invoke-RestMethod "$($emulator.ApiUrl)/api/v2/organizations/me" -Headers @{ Authorization = "Bearer $token" }
        }
        $failure = { Invoke-GenesysCloudRequest /api/v2/organizations/me } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure.Exception.ErrorCode | Should -Be 'too.many.requests.retry.after'
    }
}

Describe 'Errors and diagnostics' {
    BeforeEach { Reset-Emulator $emulator; Connect-Emulator $emulator }

    It '403 names the missing permission: PermissionDenied' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ deniedPermissions = @('routing:queue:view') }
        $failure = { Invoke-GenesysCloudRequest /api/v2/routing/queues } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.PermissionDenied,*'
        $failure.Exception.Message | Should -Match 'routing:queue:view'
        $failure.Exception.MissingPermissions | Should -Contain 'routing:queue:view'
    }

    It '404: ObjectNotFound with the API message, the correlation id and the target' {
        $failure = { Invoke-GenesysCloudRequest /api/v2/routing/queues/00000000-0000-0000-0000-000000000000 } | Should -Throw -PassThru
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -Be '/api/v2/routing/queues/00000000-0000-0000-0000-000000000000'
        $failure.Exception.CorrelationId | Should -Match '^[0-9a-f-]{36}$'
        $failure.Exception.Message | Should -Match $failure.Exception.CorrelationId
        $failure.Exception.Message | Should -Not -Match 'AggregateException'
    }

    It '-Verbose tells method, path, status, elapsed time, correlation id, retries and waits' {
        Add-Fault @{ kind = 'status'; status = 503; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $verbose = (Invoke-GenesysCloudRequest /api/v2/organizations/me -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'GET /api/v2/organizations/me -> 503 .* in \d+ ms \[ININ-Correlation-Id [0-9a-f-]{36}\]'
        $verbose | Should -Match 'Retry 1 after 503 .*: waiting \d+'
        $verbose | Should -Match 'GET /api/v2/organizations/me -> 200 OK in \d+ ms'
    }

    It 'Ctrl+C stops a waiting request within a second' {
        Add-Fault @{ kind = 'latency'; latencyMs = 20000; pathPrefix = '/api/v2/organizations/me'; count = 1 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s) Import-Module $m; Invoke-GenesysCloudRequest /api/v2/organizations/me -Session $s }).AddArgument($modulePath).AddArgument((Connect-Emulator $emulator -With @{ PassThru = $true }))
        $async = $ps.BeginInvoke()
        Start-Sleep -Milliseconds 700
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}
