# The emulator's own test-only behaviour, observed as raw HTTP (Invoke-WebRequest, not the module): fault rules, fixed
# ports across a hard restart, and the jobs knob for open conversations. The clock is moved, never waited for.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $emulator = Start-GenesysEmulator
    $now = '2026-03-10T14:00:00Z'
    $queryPath = '/api/v2/analytics/conversations/details/query'
    $jobsPath = '/api/v2/analytics/conversations/details/jobs'

    function Get-Token($Emulator) {
        $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($Emulator.ClientId):$($Emulator.ClientSecret)"))
        $answer = Invoke-RestMethod -Method POST -Uri "$($Emulator.LoginUrl)/oauth/token" -Headers @{ Authorization = "Basic $basic" } `
            -Body @{ grant_type = 'client_credentials' }
        $answer.access_token
    }

    # One API call as raw HTTP; errors come back as responses.
    function Invoke-Api([string] $Path, [string] $Method = 'GET', $Body, $Emulator = $emulator, [string] $Token = $token) {
        $parameters = @{
            Uri = "$($Emulator.ApiUrl)$Path"; Method = $Method; Headers = @{ Authorization = "Bearer $Token" }; SkipHttpErrorCheck = $true
        }
        if ($null -ne $Body) { $parameters.Body = $Body | ConvertTo-Json -Depth 10 -Compress; $parameters.ContentType = 'application/json' }
        Invoke-WebRequest @parameters
    }

    function Get-Bytes($Response) { , $Response.RawContentStream.ToArray() }
    function Get-Header($Response, [string] $Name) { @($Response.Headers[$Name]) -join ', ' }
    function Read-Json($Response) { $Response.Content | ConvertFrom-Json -DateKind String }

    function Add-Fault([hashtable] $Rule) { Invoke-EmulatorControl $emulator 'faults' -Method POST -Body $Rule }

    function Reset-Frozen($Emulator = $emulator) {
        Reset-Emulator $Emulator
        $null = Invoke-EmulatorControl $Emulator 'clock' -Method PUT -Body @{ now = $now; frozen = $true }
    }

    function Get-QueryPage([int] $PageNumber, [int] $PageSize = 5) {
        $paging = @{ pageSize = $PageSize; pageNumber = $PageNumber }
        Invoke-Api $queryPath POST @{ interval = '2026-03-10T12:00:00Z/2026-03-10T14:00:00Z'; paging = $paging }
    }
}

AfterAll {
    Stop-GenesysEmulator $emulator
}

Describe 'Fault rules change real responses' {
    BeforeEach {
        Reset-Frozen
        $token = Get-Token $emulator
    }

    It 'status with contentType text/html serves a JSON string body verbatim as HTML' {
        $html = '<html><body><h1>502 Bad Gateway</h1></body></html>'
        $null = Add-Fault @{ pathPrefix = $queryPath; kind = 'status'; status = 502; contentType = 'text/html'; body = $html }
        $response = Get-QueryPage 1
        $response.StatusCode | Should -Be 502
        Get-Header $response 'Content-Type' | Should -Be 'text/html'
        $response.Content | Should -BeExactly $html
    }

    It 'status with a string body and no contentType sends the text as is, labelled JSON' {
        $null = Add-Fault @{ kind = 'status'; status = 500; body = 'upstream said no' }
        $response = Invoke-Api /api/v2/organizations/me
        $response.StatusCode | Should -Be 500
        Get-Header $response 'Content-Type' | Should -BeLike 'application/json*'
        $response.Content | Should -BeExactly 'upstream said no'
    }

    It 'status with an object body still sends it as JSON' {
        $null = Add-Fault @{ kind = 'status'; status = 503; body = @{ message = 'maintenance' } }
        $response = Invoke-Api /api/v2/organizations/me
        $response.StatusCode | Should -Be 503
        (Read-Json $response).message | Should -Be 'maintenance'
    }

    It 'cutBody sends the first half of the real body under a correct Content-Length' {
        $full = Get-Bytes (Invoke-Api /api/v2/organizations/me)
        $null = Add-Fault @{ pathPrefix = '/api/v2/organizations'; kind = 'cutBody' }
        $response = Invoke-Api /api/v2/organizations/me
        $response.StatusCode | Should -Be 200
        $cut = Get-Bytes $response
        $cut.Length | Should -Be ([Math]::Floor($full.Length / 2))
        [int](Get-Header $response 'Content-Length') | Should -Be $cut.Length
        [Convert]::ToBase64String($cut) | Should -Be ([Convert]::ToBase64String($full, 0, $cut.Length))
        { $response.Content | ConvertFrom-Json } | Should -Throw
    }

    It 'withoutConversations drops only the conversations of a details query page' {
        $real = Read-Json (Get-QueryPage 1)
        @($real.conversations).Count | Should -Be 5
        $null = Add-Fault @{ pathPrefix = $queryPath; kind = 'withoutConversations' }
        $response = Get-QueryPage 1
        $response.StatusCode | Should -Be 200
        [int](Get-Header $response 'Content-Length') | Should -Be (Get-Bytes $response).Length
        $page = Read-Json $response
        $page.PSObject.Properties.Name | Should -Not -Contain 'conversations'
        $page.totalHits | Should -Be $real.totalHits
    }

    It 'withoutConversations keeps the cursor and dataAvailabilityDate of job results' {
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobQueuedMs = 0; jobPendingMs = 0 }
        $jobId = (Read-Json (Invoke-Api $jobsPath POST @{ interval = '2026-03-09T00:00:00Z/2026-03-10T00:00:00Z' })).jobId
        $real = Read-Json (Invoke-Api "$jobsPath/$jobId/results?pageSize=10")
        $null = Add-Fault @{ pathPrefix = "$jobsPath/$jobId/results"; kind = 'withoutConversations' }
        $page = Read-Json (Invoke-Api "$jobsPath/$jobId/results?pageSize=10")
        $page.PSObject.Properties.Name | Should -Not -Contain 'conversations'
        $page.cursor | Should -Be $real.cursor
        $page.dataAvailabilityDate | Should -Be $real.dataAvailabilityDate
    }

    It 'emptyObject replaces the body by {} and keeps the status' {
        $null = Add-Fault @{ pathPrefix = '/api/v2/users'; kind = 'emptyObject' }
        $response = Invoke-Api /api/v2/users
        $response.StatusCode | Should -Be 200
        $response.Content | Should -BeExactly '{}'
        Get-Header $response 'Content-Length' | Should -Be '2'
    }

    It 'the body kinds keep the status the request got, and a 204 stays without a body' {
        $null = Add-Fault @{ pathPrefix = $jobsPath; kind = 'cutBody' }
        $missing = Invoke-Api "$jobsPath/$([guid]::NewGuid())"
        $missing.StatusCode | Should -Be 404
        { $missing.Content | ConvertFrom-Json } | Should -Throw
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobQueuedMs = 0; jobPendingMs = 0 }
        $jobId = (Read-Json (Invoke-Api $jobsPath POST @{ interval = '2026-03-09T00:00:00Z/2026-03-10T00:00:00Z' })).jobId
        $null = Add-Fault @{ pathPrefix = $jobsPath; method = 'DELETE'; kind = 'emptyObject' }
        $deleted = Invoke-Api "$jobsPath/$jobId" DELETE
        $deleted.StatusCode | Should -Be 204
        $deleted.RawContentLength | Should -Be 0
        @(Get-EmulatorRequest $emulator -Api | Where-Object fault).fault -join ',' | Should -Be 'cutBody,emptyObject'
    }

    It 'logs what it applied in the request log and counts it' {
        foreach ($kind in 'cutBody', 'withoutConversations', 'emptyObject') { $null = Add-Fault @{ pathPrefix = $queryPath; kind = $kind } }
        $appliedBefore = (Invoke-EmulatorControl $emulator 'stats').faultsApplied   # since the start: reset keeps it
        1..4 | ForEach-Object { $null = Get-QueryPage 1 }
        @(Get-EmulatorRequest $emulator -Api | ForEach-Object { "$($_.status) $($_.fault)" }) -join ',' |
            Should -Be '200 cutBody,200 withoutConversations,200 emptyObject,200 '
        (Invoke-EmulatorControl $emulator 'stats').faultsApplied | Should -Be ($appliedBefore + 3)
    }
}

Describe 'skip: a fault that lands on the Nth matching request' {
    BeforeEach {
        Reset-Frozen
        $token = Get-Token $emulator
    }

    It 'withoutConversations with skip 6 lands on page 7 of a paged query, and only there' {
        $null = Add-Fault @{ pathPrefix = $queryPath; kind = 'withoutConversations'; skip = 6 }
        $pages = foreach ($n in 1..9) {
            if ($n -eq 4) {
                $rule = @(Invoke-EmulatorControl $emulator 'faults')[0]
                "$($rule.skip) $($rule.skipped) $($rule.count) $($rule.applied)" | Should -Be '3 3 1 0'
            }
            Read-Json (Get-QueryPage $n)
        }
        foreach ($n in 1..9) {
            $has = $pages[$n - 1].PSObject.Properties.Name -contains 'conversations'
            $has | Should -Be ($n -ne 7) -Because "page $n"
        }
        $faulted = @(Get-EmulatorRequest $emulator -Api | Where-Object fault)
        $faulted.Count | Should -Be 1
        $faulted[0].detail.pageNumber | Should -Be 7
        @(Invoke-EmulatorControl $emulator 'faults').Count | Should -Be 0
    }

    It 'counts the skipped requests apart from count' {
        $null = Add-Fault @{ pathPrefix = '/api/v2/organizations/me'; kind = 'status'; status = 503; skip = 2; count = 2 }
        $appliedBefore = (Invoke-EmulatorControl $emulator 'stats').faultsApplied
        $statuses = 1..5 | ForEach-Object { (Invoke-Api /api/v2/organizations/me).StatusCode }
        $statuses -join ',' | Should -Be '200,200,503,503,200'
        (Invoke-EmulatorControl $emulator 'stats').faultsApplied | Should -Be ($appliedBefore + 2)
    }

    It 'a request that an earlier rule already ended is not counted as skipped' {
        $null = Add-Fault @{ kind = 'status'; status = 500 }
        $null = Add-Fault @{ kind = 'emptyObject'; skip = 1 }
        (Invoke-Api /api/v2/organizations/me).StatusCode | Should -Be 500
        (Invoke-Api /api/v2/organizations/me).Content | Should -Not -Be '{}'   # the one skipped
        (Invoke-Api /api/v2/organizations/me).Content | Should -BeExactly '{}'
    }
}

Describe 'The control API rejects a bad fault rule with a clear 400' {
    It '<why>' -TestCases @(
        @{ why = 'negative skip'; rule = @{ kind = 'status'; status = 500; skip = -1 }; message = 'skip must be >= 0*' }
        @{ why = 'unknown kind'; rule = @{ kind = 'halfBody' }
            message = 'kind must be one of *, cutBody, withoutConversations, emptyObject.' }
        @{ why = 'contentType without a body'; rule = @{ kind = 'status'; status = 502; contentType = 'text/html' }
            message = 'contentType goes with*' }
        @{ why = 'contentType on another kind'; rule = @{ kind = 'cutBody'; contentType = 'text/html' }
            message = 'contentType goes with*' }
        @{ why = 'contentType not a media type'; rule = @{ kind = 'status'; status = 502; body = 'x'; contentType = 'html please' }
            message = "contentType 'html please' is not a media type*" }
    ) {
        $response = Invoke-WebRequest -Method POST -Uri "$($emulator.ApiUrl)/__emulator/faults" -SkipHttpErrorCheck `
            -ContentType 'application/json' -Body ($rule | ConvertTo-Json -Compress)
        $response.StatusCode | Should -Be 400
        (Read-Json $response).error | Should -BeLike $message
    }

    It 'accepts the new kinds in any case and writes them back as documented' {
        $rule = Add-Fault @{ kind = 'WITHOUTCONVERSATIONS'; skip = 2 }
        "$($rule.kind) $($rule.skip) $($rule.skipped)" | Should -Be 'withoutConversations 2 0'
        Invoke-EmulatorControl $emulator 'faults' -Method DELETE
    }
}

Describe 'Fixed ports survive a hard restart' {
    BeforeAll {
        # Two distinct loopback ports that are free now (both held until both are known).
        function Get-FreePorts {
            $listeners = 1..2 | ForEach-Object { [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0) }
            try {
                foreach ($listener in $listeners) { $listener.Start() }
                $listeners | ForEach-Object { $_.LocalEndpoint.Port }
            } finally {
                foreach ($listener in $listeners) { $listener.Stop() }
            }
        }
        function Get-Fingerprint($Emulator, [string] $Token) {
            $null = Invoke-EmulatorControl $Emulator 'clock' -Method PUT -Body @{ now = $now; frozen = $true }
            $users = (Read-Json (Invoke-Api '/api/v2/users?pageSize=10' -Emulator $Emulator -Token $Token)).entities.id -join ','
            $window = 'from=2026-03-10T12:00:00Z&to=2026-03-10T14:00:00Z'
            $brief = Invoke-EmulatorControl $Emulator "conversations?$window&fields=brief&limit=1000"
            "$users|$(($brief.conversations.conversationId) -join ',')"
        }
    }

    It 'serves the same URLs and the same data after Stop-Process -Force; the old token gets 401' {
        $apiPort, $loginPort = Get-FreePorts
        $first = Start-GenesysEmulator -ArgumentList '--seed', '7' -ApiPort $apiPort -LoginPort $loginPort
        $second = $null
        try {
            $first.ApiUrl | Should -Be "http://127.0.0.1:$apiPort"
            $first.LoginUrl | Should -Be "http://127.0.0.1:$loginPort"
            $oldToken = Get-Token $first
            $before = Get-Fingerprint $first $oldToken

            # A request in flight when the process dies fails on the client; nothing is answered.
            $null = Invoke-EmulatorControl $first 'faults' -Method POST -Body @{ kind = 'latency'; latencyMs = 30000 }
            $client = [Net.Http.HttpClient]::new()
            $inFlight = $client.GetAsync("$($first.ApiUrl)/api/v2/organizations/me")
            Stop-Process -Id $first.Process.Id -Force
            { $inFlight.GetAwaiter().GetResult() } | Should -Throw
            $client.Dispose()

            $second = Restart-GenesysEmulator $first
            $second.Process.Id | Should -Not -Be $first.Process.Id
            $second.ApiUrl | Should -Be $first.ApiUrl
            $second.LoginUrl | Should -Be $first.LoginUrl
            $stale = Invoke-Api /api/v2/organizations/me -Emulator $second -Token $oldToken
            $stale.StatusCode | Should -Be 401
            (Read-Json $stale).code | Should -Be 'bad.credentials'
            Get-Fingerprint $second (Get-Token $second) | Should -Be $before
        } finally {
            Stop-GenesysEmulator $first
            Stop-GenesysEmulator $second
        }
    }

    It 'Restart-GenesysEmulator keeps the ephemeral ports the first process got' {
        $first = Start-GenesysEmulator
        $second = $null
        try {
            $second = Restart-GenesysEmulator $first   # kills it hard itself
            $first.Process.HasExited | Should -BeTrue
            $second.ApiUrl | Should -Be $first.ApiUrl
            $second.LoginUrl | Should -Be $first.LoginUrl
            (Invoke-Api /api/v2/organizations/me -Emulator $second -Token (Get-Token $second)).StatusCode | Should -Be 200
        } finally {
            Stop-GenesysEmulator $first
            Stop-GenesysEmulator $second
        }
    }

    It 'a fixed port that is still taken stops the start with exit code 3' {
        { Start-GenesysEmulator -ApiPort $emulator.ApiPort } | Should -Throw '*exited with code 3*address already in use*'
    }
}

Describe 'Open conversations in job results (jobsIncludeOpenConversations)' {
    BeforeAll {
        $interval = '2026-03-10T12:00:00Z/2026-03-10T14:00:00Z'
        $start, $end = $interval -split '/' | ForEach-Object { [DateTimeOffset]$_ }

        # Conversations without conversationEnd at the emulator's now that started before the interval's end.
        function Get-OpenIds {
            $live = Invoke-EmulatorControl $emulator 'live'
            @($live.conversations | Where-Object { $null -eq $_.conversationEnd -and [DateTimeOffset]$_.conversationStart -lt $end } |
                ForEach-Object conversationId)
        }

        # Submits a job at the frozen clock, moves the clock to its completion and reads every page of its results.
        function Invoke-Job([hashtable] $Config) {
            Reset-Frozen
            $token = Get-Token $emulator
            $settings = @{ jobQueuedMs = 0; jobPendingMs = 1000; dataAvailabilityLagMinutes = 30 } + $Config
            $knob = (Invoke-EmulatorControl $emulator 'config' -Method PUT -Body $settings).jobsIncludeOpenConversations
            $jobId = (Read-Json (Invoke-Api $jobsPath POST @{ interval = $interval })).jobId
            (Read-Json (Invoke-Api "$jobsPath/$jobId")).state | Should -Be 'PENDING'
            $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ advanceSeconds = 1 }
            (Read-Json (Invoke-Api "$jobsPath/$jobId")).state | Should -Be 'FULFILLED'
            $records = [Collections.Generic.List[object]]::new()
            $cursor = $null
            do {
                $page = Read-Json (Invoke-Api "$jobsPath/$jobId/results?pageSize=100$(if ($cursor) { "&cursor=$cursor" })")
                foreach ($record in @($page.conversations)) { if ($record) { $records.Add($record) } }
                $cursor = $page.cursor
            } while ($cursor)
            $truth = Invoke-EmulatorControl $emulator 'analytics/match-job' -Method POST -Body @{ interval = $interval; jobId = $jobId }
            [pscustomobject]@{
                Knob         = $knob
                Records      = $records
                Ids          = @($records.conversationId)
                Truth        = @($truth.ids)
                Availability = [DateTimeOffset]$page.dataAvailabilityDate
                Open         = Get-OpenIds   # the clock is at the job's completion
            }
        }

        $off = Invoke-Job @{}
        $on = Invoke-Job @{ jobsIncludeOpenConversations = $true }
    }

    It 'is off by default: only conversations that ended before dataAvailabilityDate, as match-job says' {
        $off.Knob | Should -BeFalse
        $off.Ids.Count | Should -BeGreaterThan 0
        $off.Ids -join ',' | Should -Be ($off.Truth -join ',')
        foreach ($record in $off.Records) { [DateTimeOffset]$record.conversationEnd | Should -BeLessThan $off.Availability }
        $off.Open.Count | Should -BeGreaterThan 0
        $off.Ids | Where-Object { $_ -in $off.Open } | Should -BeNullOrEmpty
    }

    It 'when on, returns every conversation still open at completion, as open, and match-job agrees' {
        $on.Knob | Should -BeTrue
        $on.Ids -join ',' | Should -Be ($on.Truth -join ',')
        $on.Open.Count | Should -BeGreaterThan 0
        $on.Open | Where-Object { $_ -notin $on.Ids } | Should -BeNullOrEmpty
        foreach ($record in $on.Records | Where-Object conversationId -in $on.Open) {
            $record.PSObject.Properties.Name | Should -Not -Contain 'conversationEnd'
            $openSegments = @($record.participants.sessions.segments | Where-Object { -not $_.segmentEnd })
            $openSegments.Count | Should -BeGreaterThan 0
        }
    }

    It 'when on, adds those that ended after dataAvailabilityDate only if they started in the interval' {
        $late = @($on.Records | Where-Object { $_.conversationEnd -and [DateTimeOffset]$_.conversationEnd -ge $on.Availability })
        $late.Count | Should -BeGreaterThan 0
        foreach ($record in $late) {
            [DateTimeOffset]$record.conversationStart | Should -BeGreaterOrEqual $start
            [DateTimeOffset]$record.conversationStart | Should -BeLessThan $end
        }
        $off.Ids | Where-Object { $_ -notin $on.Ids } | Should -BeNullOrEmpty
        $on.Ids.Count | Should -Be ($off.Ids.Count + $on.Open.Count + $late.Count)
    }

    It 'a job keeps the setting it was submitted with' {
        Reset-Frozen
        $token = Get-Token $emulator
        $settings = @{ jobQueuedMs = 0; jobPendingMs = 0; jobsIncludeOpenConversations = $true }
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body $settings
        $jobId = (Read-Json (Invoke-Api $jobsPath POST @{ interval = $interval })).jobId
        $null = Invoke-EmulatorControl $emulator 'config' -Method PUT -Body @{ jobsIncludeOpenConversations = $false }
        $ids = @((Read-Json (Invoke-Api "$jobsPath/$jobId/results")).conversations.conversationId)
        $open = Get-OpenIds
        $open.Count | Should -BeGreaterThan 0
        $open | Where-Object { $_ -notin $ids } | Should -BeNullOrEmpty
        $truth = Invoke-EmulatorControl $emulator 'analytics/match-job' -Method POST -Body @{ interval = $interval; jobId = $jobId }
        $ids -join ',' | Should -Be (@($truth.ids) -join ',')
    }
}
