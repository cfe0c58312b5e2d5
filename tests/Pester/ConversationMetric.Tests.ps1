# Get-GenesysConversationMetric: every figure recomputed independently from the emulator's metric emissions.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $sparse = Start-GenesysEmulator -ArgumentList '--conversations-per-hour', '2'
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }
    $sparseSession = Connect-Emulator $sparse -With @{ PassThru = $true }

    function Format-Utc([DateTimeOffset] $t) { $t.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ss.fffZ') }
    # Every metric emission in [From, To), with its emit time as a DateTimeOffset.
    function Get-Emission($Emulator, [DateTimeOffset] $From, [DateTimeOffset] $To) {
        $answer = Invoke-EmulatorControl $Emulator 'analytics/metric-events' -Method POST -Body @{ interval = "$(Format-Utc $From)/$(Format-Utc $To)" }
        $answer.rows | ForEach-Object { $_ | Add-Member -NotePropertyName at -NotePropertyValue ([DateTimeOffset]$_.emitDate) -PassThru }
    }
    # The statistics a group of emissions of one metric must have.
    function Get-Expected($Emissions, [string] $Metric) {
        $values = @($Emissions | Where-Object name -eq $Metric | ForEach-Object { [double]$_.value })
        if ($values.Count -eq 0) { return $null }
        $m = $values | Measure-Object -Sum -Minimum -Maximum
        [pscustomobject]@{ Count = $values.Count; Sum = $m.Sum; Min = $m.Minimum; Max = $m.Maximum }
    }
    function Assert-Row($Row, $Emissions, [string[]] $Metrics) {
        foreach ($metric in $Metrics) {
            $expected = Get-Expected $Emissions $metric
            $actual = $Row.Metrics[$metric]
            if (-not $expected) { $actual.Count | Should -BeIn @($null, 0); continue }   # absent, or reported as zero
            $actual.Count | Should -Be $expected.Count -Because "$metric count in $($Row.IntervalStart) $($Row.QueueId)$($Row.MediaType)"
            if ($metric -like 't*') {
                $actual.Sum | Should -Be $expected.Sum -Because "$metric sum"
                $actual.Min | Should -Be $expected.Min
                $actual.Max | Should -Be $expected.Max
            }
        }
    }
    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1), [TimeSpan]::Zero)
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
    Stop-GenesysEmulator $sparse
}

Describe 'Figures equal what the emissions add up to' {
    It 'hourly by queue: counts, sums, minima, maxima and the derived averages' {
        $from = $day.AddHours(6); $to = $day.AddHours(10)
        $metrics = 'nOffered', 'tAnswered', 'tAbandon', 'tHandle', 'tTalk', 'tHeld', 'tAcw', 'tAcd', 'nTransferred'
        $rows = Get-GenesysConversationMetric -StartTime $from -EndTime $to -Granularity PT1H -TimeZone UTC -GroupBy queueId -Metric $metrics -Session $session
        $emissions = Get-Emission $emulator $from $to
        $expectedGroups = $emissions | Where-Object { $_.queueId -and $_.name -in $metrics } | Group-Object { "$($_.at.UtcDateTime.Hour)|$($_.queueId)" }
        @($rows).Count | Should -Be @($expectedGroups).Count
        foreach ($row in $rows) {
            $in = @($emissions | Where-Object { $_.queueId -eq $row.QueueId -and $_.at -ge $row.IntervalStart -and $_.at -lt $row.IntervalEnd })
            Assert-Row $row $in $metrics
            $handle = Get-Expected $in 'tHandle'
            if ($handle) { $row.AverageHandleTime.TotalMilliseconds | Should -BeGreaterOrEqual ([Math]::Floor($handle.Sum / $handle.Count)) ; $row.AverageHandleTime.TotalMilliseconds | Should -BeLessOrEqual ([Math]::Ceiling($handle.Sum / $handle.Count)) }
            $offered = Get-Expected $in 'nOffered'; $abandoned = Get-Expected $in 'tAbandon'
            if ($offered -and $abandoned) { $row.AbandonRate | Should -Be ([Math]::Round(100.0 * $abandoned.Count / $offered.Count, 2)) }
            $row.Queue | Should -Not -BeNullOrEmpty
            $row.IntervalEnd - $row.IntervalStart | Should -Be ([TimeSpan]::FromHours(1))
        }
    }

    It 'by media type and agent, one bucket for the window' {
        $from = $day.AddHours(12); $to = $day.AddHours(14)
        $rows = Get-GenesysConversationMetric -StartTime $from -EndTime $to -TimeZone UTC -GroupBy mediaType, userId -Metric tHandle, tTalk -Session $session
        $emissions = @(Get-Emission $emulator $from $to | Where-Object { $_.name -in 'tHandle', 'tTalk' })
        @($rows).Count | Should -Be @($emissions | Group-Object { "$($_.mediaType)|$($_.userId)" }).Count
        foreach ($row in $rows) {
            $row.IntervalStart | Should -Be $from
            $row.IntervalEnd | Should -Be $to
            Assert-Row $row @($emissions | Where-Object { $_.mediaType -eq $row.MediaType -and "$($_.userId)" -eq "$($row.UserId)" }) 'tHandle', 'tTalk'
        }
    }

    It 'the long form has one row per group, interval and metric with the same figures' {
        $from = $day.AddHours(16); $to = $day.AddHours(17)
        $wide = Get-GenesysConversationMetric -StartTime $from -EndTime $to -TimeZone UTC -GroupBy mediaType -Metric nOffered, tHandle -Session $session
        $long = Get-GenesysConversationMetric -StartTime $from -EndTime $to -TimeZone UTC -GroupBy mediaType -Metric nOffered, tHandle -AsMetricRows -Session $session
        foreach ($row in $long) {
            $row | Should -BeOfType ([GenesysConvo.ConversationMetricValue])
            $match = $wide | Where-Object MediaType -eq $row.MediaType
            $row.Count | Should -Be $match.Metrics[$row.Metric].Count
            if ($row.Metric -eq 'tHandle') { $row.AverageTime | Should -Be $match.AverageHandleTime }
        }
        @($long).Count | Should -Be (@($wide | ForEach-Object { $_.Metrics.Keys }).Count)
    }

    It 'daily buckets follow the local day across a DST change (America/New_York, 2026-11-01 has 25 hours)' {
        $zone = [TimeZoneInfo]::FindSystemTimeZoneById('America/New_York')
        $from = [DateTimeOffset]::new([DateTime]'2026-10-31T00:00:00', $zone.GetUtcOffset([DateTime]'2026-10-31T00:00:00'))
        $to = [DateTimeOffset]::new([DateTime]'2026-11-03T00:00:00', $zone.GetUtcOffset([DateTime]'2026-11-03T00:00:00'))
        $rows = @(Get-GenesysConversationMetric -StartTime $from -EndTime $to -Granularity P1D -TimeZone 'America/New_York' -Metric nOffered, tHandle -Session $sparseSession)
        $rows.Count | Should -Be 3
        ($rows | ForEach-Object { ($_.IntervalEnd - $_.IntervalStart).TotalHours }) -join ',' | Should -Be '24,25,24'
        ($rows | ForEach-Object { $_.IntervalStartLocal.ToString('yyyy-MM-dd HH:mm') }) -join ',' | Should -Be '2026-10-31 00:00,2026-11-01 00:00,2026-11-02 00:00'
        $emissions = Get-Emission $sparse $from $to
        foreach ($row in $rows) { Assert-Row $row @($emissions | Where-Object { $_.at -ge $row.IntervalStart -and $_.at -lt $row.IntervalEnd }) 'nOffered', 'tHandle' }
    }

    It 'a window longer than one request is split and re-joined: 40 days in one bucket' {
        Reset-Emulator $sparse
        $to = $day; $from = $day.AddDays(-40)
        $row = Get-GenesysConversationMetric -StartTime $from -EndTime $to -TimeZone UTC -Metric nOffered, tHandle -Session $sparseSession
        @($row).Count | Should -Be 1
        @(Get-EmulatorRequest $sparse -Api | Where-Object { $_.path -eq '/api/v2/analytics/conversations/aggregates/query' -and $_.status -eq 200 }).Count | Should -Be 2
        Assert-Row $row @(Get-Emission $sparse $from $to) 'nOffered', 'tHandle'
    }

    It 'AHT per queue equals the AHT computed from Search-GenesysConversationHistory over the same window' {
        $from = $day.AddHours(9); $to = $day.AddHours(11)
        $rows = Get-GenesysConversationMetric -StartTime $from -EndTime $to -TimeZone UTC -GroupBy queueId -Metric tHandle -Session $session
        # Handle time lands in the interval of its emit time (after-call work done): read the history from well before
        # the window and keep the tHandle emissions inside it, per queue of the session that emitted them.
        $history = Search-GenesysConversationHistory -StartTime $from.AddHours(-8) -EndTime $to -Session $session
        $handles = foreach ($conversation in $history) {
            foreach ($s in $conversation.Participants.Sessions) {
                foreach ($m in ($s.Metrics | Where-Object { $_.Name -eq 'tHandle' -and $_.EmitDate -ge $from -and $_.EmitDate -lt $to })) {
                    [pscustomobject]@{ QueueId = ($s.Segments | Where-Object QueueId | Select-Object -Last 1).QueueId; Value = $m.Value }
                }
            }
        }
        foreach ($group in ($handles | Group-Object QueueId)) {
            $row = $rows | Where-Object QueueId -eq $group.Name
            $aht = ($group.Group | Measure-Object Value -Average).Average
            [Math]::Abs($row.AverageHandleTime.TotalMilliseconds - $aht) | Should -BeLessThan 1 -Because "queue $($group.Name)"
        }
        @($rows).Count | Should -Be @($handles | Group-Object QueueId).Count
    }
}

Describe 'Bad input gets a clear error naming the fix' {
    BeforeEach { Reset-Emulator $emulator; $session = Connect-Emulator $emulator -With @{ PassThru = $true }; $null = Invoke-EmulatorControl $emulator 'requests' -Method DELETE }

    It 'an unknown metric lists the metrics, before any request' {
        $failure = { Get-GenesysConversationMetric -Metric tHandle, tHandel -Session $session } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'GenesysConvo.InvalidMetricQuery,*'
        $failure.Exception.Message | Should -Match "'tHandel' is not a metric"
        $failure.Exception.Message | Should -Match 'tHandle'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'an unknown dimension lists the dimensions' {
        $failure = { Get-GenesysConversationMetric -GroupBy queueName -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match "'queueName' is not a dimension"
        $failure.Exception.Message | Should -Match 'queueId'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'a granularity that does not divide the window says where to end it' {
        $failure = { Get-GenesysConversationMetric -StartTime $day -EndTime $day.AddMinutes(50) -Granularity PT15M -TimeZone UTC -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'does not divide'
        $failure.Exception.Message | Should -Match 'end it at'
    }

    It 'daily buckets need a window starting at local midnight' {
        $failure = { Get-GenesysConversationMetric -StartTime $day.AddHours(5) -EndTime $day.AddDays(1).AddHours(5) -Granularity P1D -TimeZone 'Europe/London' -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'midnight'
    }

    It 'a range the API cannot bucket: too many buckets says to use a coarser granularity' {
        $failure = { Get-GenesysConversationMetric -StartTime $day.AddDays(-80) -EndTime $day -Granularity PT1M -TimeZone UTC -Session $session } | Should -Throw -PassThru
        $failure.Exception.Message | Should -Match 'coarser'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'an unknown time zone' {
        { Get-GenesysConversationMetric -TimeZone 'Mars/Olympus' -Session $session } | Should -Throw '*IANA*'
    }

    It 'a query the API rejects surfaces its 400 message' {
        $failure = { Get-GenesysConversationMetric -Filter @{ type = 'and'; predicates = @(@{ dimension = 'noSuchDimension'; value = 'x' }) } -Session $session } | Should -Throw -PassThru
        $failure.Exception.StatusCode | Should -Be 400
        $failure.Exception.Message | Should -Match 'noSuchDimension'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'CSV export' {
    It 'the wide rows export with only scalar cells, every metric as columns' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "metrics-$([guid]::NewGuid()).csv"
        try {
            Get-GenesysConversationMetric -StartTime $day -EndTime $day.AddHours(2) -Granularity PT30M -TimeZone UTC -GroupBy queueId -Session $session | Export-Csv -Path $path -NoTypeInformation
            $rows = Import-Csv $path
            $rows.Count | Should -BeGreaterThan 4
            $rows[0].PSObject.Properties.Name | Should -Contain 'tHandleAverage'
            $rows[0].PSObject.Properties.Name | Should -Contain 'AverageHandleTime'
            Get-Content $path -Raw | Should -Not -Match 'System\.|\[\]|@\{|GenesysConvo\.'
        } finally { Remove-Item $path -ErrorAction Ignore }
    }

    It 'reads as a spreadsheet: interval and group first, then headline figures, then raw statistics; zeros, rounding, one unit per kind' {
        $path = Join-Path ([IO.Path]::GetTempPath()) "metrics-$([guid]::NewGuid()).csv"
        try {
            $from = $day.AddHours(8); $to = $day.AddHours(12)
            Get-GenesysConversationMetric -StartTime $from -EndTime $to -Granularity PT1H -TimeZone UTC -GroupBy queueId -Session $session | Export-Csv -Path $path -NoTypeInformation
            $rows = @(Import-Csv $path)
            $columns = @($rows[0].PSObject.Properties.Name)
            $columns[0..4] -join ',' | Should -Be 'IntervalStartLocal,IntervalEndLocal,TimeZone,IntervalStart,IntervalEnd'
            $columns[5] | Should -Be 'Queue'
            $columns.IndexOf('OtherGroup') | Should -BeLessThan $columns.IndexOf('Offered')
            $columns.IndexOf('ServiceLevelPercent') | Should -Be ($columns.IndexOf('nOfferedCount') - 1) -Because 'the raw statistics follow the headline figures'
            $columns[-1] | Should -Be 'oServiceLevelRatio'

            # Counts: 0, not blank, for a queue that had traffic in the hour but no such event (the emulator's emissions say which).
            $abandons = @{}
            Get-Emission $emulator $from $to | Where-Object name -eq 'tAbandon' | ForEach-Object { $abandons["$($_.queueId)|$($_.at.UtcDateTime.Hour)"] += 1 }
            $counts = 'Offered', 'Answered', 'Abandoned', 'Transferred', 'Handled'
            $zeroSeen = $false
            foreach ($row in $rows) {
                foreach ($column in $counts + ($columns -like '[nt]*Count')) { $row.$column | Should -Match '^\d+$' -Because "$column of $($row.Queue) at $($row.IntervalStartLocal)" }
                $expected = [int]$abandons["$($row.QueueId)|$([DateTimeOffset]::Parse($row.IntervalStart).UtcDateTime.Hour)"]
                $row.Abandoned | Should -Be $expected
                if ($expected -eq 0 -and [int]$row.Offered -gt 0) { $zeroSeen = $true; $row.AbandonRate | Should -Be '0' }
            }
            $zeroSeen | Should -BeTrue -Because 'some queue had calls and no abandons in some hour'

            # Rounding and units: percentages 2 decimals, ratios 4, raw timer statistics whole milliseconds, headline averages durations.
            $decimal = [regex]::Escape((Get-Culture).NumberFormat.NumberDecimalSeparator)
            foreach ($row in $rows) {
                foreach ($column in 'AbandonRate', 'ServiceLevelPercent') { $row.$column | Should -Match "^(\d+($decimal\d{1,2})?)?$" }
                $row.oServiceLevelRatio | Should -Match "^(\d($decimal\d{1,4})?)?$"
                foreach ($column in $columns -cmatch '^t.*(Sum|Min|Max|Average)$') { $row.$column | Should -Match '^(\d+)?$' -Because "$column is in milliseconds" }
                foreach ($metric in 'Handle', 'Talk') {
                    $average = $row."Average$($metric)Time"; $raw = $row."t$($metric)Average"
                    if ($raw) { [TimeSpan]::Parse($average).TotalMilliseconds | Should -Be ([double]$raw) } else { $average | Should -BeNullOrEmpty }
                }
            }
            Get-Content $path -Raw | Should -Not -Match '"\d+[.,]\d{5,}"' -Because 'no number with binary noise such as 55.00000000000001'
        } finally { Remove-Item $path -ErrorAction Ignore }
    }

    It 'rows come by interval, then by queue name' {
        $rows = @(Get-GenesysConversationMetric -StartTime $day.AddHours(8) -EndTime $day.AddHours(11) -Granularity PT1H -TimeZone UTC -GroupBy queueId -Metric nOffered -Session $session)
        $rows.Count | Should -BeGreaterThan 10
        for ($i = 1; $i -lt $rows.Count; $i++) {
            $previous = $rows[$i - 1]; $row = $rows[$i]
            if ($row.IntervalStart -eq $previous.IntervalStart) {
                [string]::Compare($previous.Queue, $row.Queue, [StringComparison]::OrdinalIgnoreCase) | Should -BeLessThan 0 -Because "'$($previous.Queue)' comes before '$($row.Queue)'"
            } else { $row.IntervalStart | Should -BeGreaterThan $previous.IntervalStart }
        }
    }
}
