# The default table views, rendered at 120 columns on real records from the emulator: which columns survive, and whether
# the names in them can still be told apart.
BeforeDiscovery {
    # The views and the columns each must keep; Names are the columns cut in the middle (TableText.Shorten), with the
    # full value each cell stands for.
    $views = @(
        @{ View = 'ActiveConversation'; Columns = 'ConversationId', 'Step', 'LiveFor', 'Queue', 'Agent', 'Customer'; Names = @{ Queue = 'Queue'; Agent = 'Agent' } }
        @{ View = 'ConversationRecord'; Columns = 'ConversationId', 'Start (local)', 'Duration', 'Queue', 'Agent', 'Customer'; Names = @{ Queue = 'Queue'; Agent = 'Agent' } }
        @{ View = 'ConversationRecord#Lookup'; Columns = 'ConversationId', 'Source', 'Start (local)', 'Duration', 'Queue', 'Agent', 'Customer'; Names = @{ Queue = 'Queue'; Agent = 'Agent' } }
        @{ View = 'ConversationParticipantRow'; Columns = 'ConversationId', 'Purpose', 'Name', 'Media', 'Queue', 'WrapUp', 'Handle'; Names = @{ Queue = 'Queue'; WrapUp = 'WrapUpCode'; Name = 'DisplayName' } }
        @{ View = 'ConversationSessionRow'; Columns = 'ConversationId', 'Purpose', 'Name', 'Media', 'Queue', 'Talk', 'Hold', 'Acw'; Names = @{ Queue = 'Queue'; Name = 'DisplayName' } }
        @{ View = 'ConversationSegmentRow'; Columns = 'ConversationId', 'Purpose', 'Name', 'Segment', 'Start', 'Duration', 'Queue', 'Disconnect'; Names = @{ Queue = 'Queue'; Name = 'DisplayName' } }
        @{ View = 'ConversationMetricRow'; Columns = 'Interval (local)', 'Group', 'Offered', 'Answered', 'Abandoned', 'Abandon%', 'AHT', 'ASA', 'SL%'; Names = @{ Group = 'GroupName' } }
        @{ View = 'ConversationMetricValue'; Columns = 'Interval (local)', 'Group', 'Metric', 'Count', 'Average', 'Ratio'; Names = @{ Group = 'GroupName' } }
        @{ View = 'GenesysCloudSession'; Columns = 'Organization', 'Region', 'Authentication', 'ClientId', 'TokenExpires', 'Connected'; Names = @{} }
        @{ View = 'ExportSummary'; Columns = 'File', 'Rows', 'Conversations', 'Pending', 'Slices', 'Requests', 'Retries', 'Resumes', 'Elapsed'; Names = @{} }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module $env:GENESYSCONVO_MODULE_PATH -Force
    $emulator = Start-GenesysEmulator
    $day = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-1), [TimeSpan]::Zero)
    # Mid-afternoon, when the synthetic org is busy; frozen, so the live set stays put while it is read.
    $null = Invoke-EmulatorControl $emulator 'clock' -Method PUT -Body @{ now = $day.AddHours(15).UtcDateTime.ToString('o'); frozen = $true }
    $session = Connect-Emulator $emulator -With @{ PassThru = $true }

    $export = Join-Path ([IO.Path]::GetTempPath()) "views-$([guid]::NewGuid()).csv"
    $from = $day.AddHours(9)
    $records = @{
        ActiveConversation         = Get-GenesysActiveConversation -Session $session
        ConversationRecord         = Search-GenesysConversationHistory -StartTime $from -EndTime $from.AddHours(1) -Session $session
        # Live ones (analytics and the live API) and ended ones (analytics).
        'ConversationRecord#Lookup' = @(Get-GenesysActiveConversation -Session $session -First 10) +
            @(Search-GenesysConversationHistory -StartTime $from -EndTime $from.AddHours(1) -First 20 -Session $session) |
            Get-GenesysConversation -Session $session
        ConversationParticipantRow = Search-GenesysConversationHistory -StartTime $from -EndTime $from.AddMinutes(10) -Expand Participant -Session $session
        ConversationSessionRow     = Search-GenesysConversationHistory -StartTime $from -EndTime $from.AddMinutes(10) -Expand Session -Session $session
        ConversationSegmentRow     = Search-GenesysConversationHistory -StartTime $from -EndTime $from.AddMinutes(10) -Expand Segment -Session $session
        ConversationMetricRow      = Get-GenesysConversationMetric -StartTime $from -EndTime $from.AddHours(2) -Granularity PT1H -TimeZone UTC -GroupBy queueId, mediaType -Session $session
        ConversationMetricValue    = Get-GenesysConversationMetric -StartTime $from -EndTime $from.AddHours(1) -TimeZone UTC -GroupBy queueId -AsMetricRows -Session $session
        GenesysCloudSession        = $session
        ExportSummary              = Export-GenesysConversationHistory -StartTime $from -EndTime $from.AddMinutes(30) -Path $export -Session $session
    }
    # The full text each name column stands for.
    function Get-FullName($Record, [string] $Property) {
        switch ($Property) {
            'DisplayName' { if ($Record.UserName) { $Record.UserName } else { $Record.ParticipantName } }
            'GroupName' { @($Record.Queue, $Record.User, $Record.MediaType, $Record.Direction, $Record.OriginatingDirection, $Record.WrapUpCode, $Record.DivisionId, $Record.OtherGroup) -ne $null -join ' / ' }
            default { $Record.$Property }
        }
    }
    # The rendered table as its header cells and rows of cells, cut at the widths the view declares.
    function Read-Table([string] $Text, [string] $TypeName) {
        $view = (Get-FormatData -TypeName $TypeName).FormatViewDefinition | Where-Object Name -eq ($TypeName -replace '^GenesysConvo\.')
        $headers = @($view.Control.Headers)
        $lines = @($Text -split '\r?\n' | Where-Object { $_.Trim() })
        $spans = @(); $start = 0
        foreach ($header in $headers) { $spans += , @($start, $header.Width); $start += $header.Width + 1 }
        function Split-Line([string] $Line) {
            $padded = $Line.PadRight($start)
            @(foreach ($span in $spans) { $padded.Substring($span[0], $span[1]).Trim() })
        }
        [pscustomobject]@{
            Lines   = $lines
            Widths  = @($headers.Width)
            Header  = Split-Line $lines[0]
            Rows    = @($lines | Select-Object -Skip 2 | ForEach-Object { , (Split-Line $_) })
        }
    }
}

AfterAll {
    Get-Module GenesysConvo | Remove-Module -Force
    Stop-GenesysEmulator $emulator
    Remove-Item $export -ErrorAction Ignore
}

Describe 'Every default table fits 120 columns' {
    It '<View> keeps <Columns>' -ForEach $views {
        $data = @($records[$View])
        $data.Count | Should -BeGreaterThan 0
        $data[0].PSObject.TypeNames | Should -Contain "GenesysConvo.$View"
        $text = $data | Out-String -Width 120
        $lines = @($text -split '\r?\n' | Where-Object { $_.Trim() })
        foreach ($line in $lines) { $line.TrimEnd().Length | Should -BeLessOrEqual 120 -Because "'$line' must fit" }
        if ($View -in 'GenesysCloudSession', 'ExportSummary') {
            # Columns without a fixed width: PowerShell shares the width out; every label must still be there.
            ($lines[0] -split '\s+' -ne '') -join ',' | Should -Be ($Columns -join ',')
            return
        }
        $table = Read-Table $text "GenesysConvo.$View"
        $table.Header -join ',' | Should -Be ($Columns -join ',')
        $table.Rows.Count | Should -Be $data.Count -Because 'one line per record, none wrapped'
        $id = [array]::IndexOf($Columns, 'ConversationId')
        if ($id -ge 0) { for ($i = 0; $i -lt $data.Count; $i++) { $table.Rows[$i][$id] | Should -Be $data[$i].ConversationId } }
        $customer = [array]::IndexOf($Columns, 'Customer')
        if ($customer -ge 0) {
            # An address is cut at its end (an e-mail address keeps its mailbox), by no more than it must be.
            $width = $table.Widths[$customer]
            for ($i = 0; $i -lt $data.Count; $i++) {
                $full = "$($data[$i].CustomerAddress)"
                $cell = $table.Rows[$i][$customer]
                if ($full.Length -le $width) { $cell | Should -Be $full } else { $cell | Should -Be ($full.Substring(0, $width - 1) + '…') }
            }
        }
    }

    It '<View>: names cut to their column keep their start and end, and different names stay different' -ForEach ($views | Where-Object { $_.Names.Count }) {
        $data = @($records[$View])
        $table = Read-Table ($data | Out-String -Width 120) "GenesysConvo.$View"
        foreach ($column in $Names.Keys) {
            $index = [array]::IndexOf($Columns, $column)
            $width = $table.Widths[$index]
            $shown = @{}
            for ($i = 0; $i -lt $data.Count; $i++) {
                $full = "$(Get-FullName $data[$i] $Names[$column])"
                $cell = $table.Rows[$i][$index]
                if (-not $shown.ContainsKey($cell)) { $shown[$cell] = [Collections.Generic.HashSet[string]]::new() }
                $null = $shown[$cell].Add($full)
                if ($full.Length -le $width) { $cell | Should -Be $full; continue }
                $cell.Length | Should -BeLessOrEqual $width
                $head, $tail = $cell -split '…', 2
                $tail | Should -Not -BeNullOrEmpty -Because "'$full' is cut in the middle, not at its end ('$cell')"
                $full.StartsWith($head) -and $full.EndsWith($tail) | Should -BeTrue -Because "'$cell' keeps the start and end of '$full'"
            }
            foreach ($cell in $shown.Keys) { $shown[$cell].Count | Should -Be 1 -Because "'$cell' stands for $($shown[$cell] -join ' and ')" }
        }
    }

    It 'the emulator has queue names longer than the Queue column, so the cutting is exercised' {
        $queues = @($records.ConversationRecord.Queue | Where-Object { $_.Length -gt 20 } | Sort-Object -Unique)
        $queues.Count | Should -BeGreaterThan 1
    }

    It 'queues that share a long start are told apart in the live view (Customer Care - General / - Gold)' {
        $names = 'Customer Care - General', 'Customer Care - Gold', 'Customer Care - General Enquiries', 'Technical Support - Escalations', 'Technical Support - Internet'
        $live = foreach ($name in $names) {
            [GenesysConvo.ActiveConversation]@{ ConversationId = [guid]::NewGuid().ToString(); Queue = $name; Agent = 'Christopher Rodriguez'; CustomerAddress = 'tel:+13175550123' }
        }
        $table = Read-Table ($live | Out-String -Width 120) 'GenesysConvo.ActiveConversation'
        $cells = @($table.Rows | ForEach-Object { $_[3] })
        @($cells | Sort-Object -Unique).Count | Should -Be $names.Count -Because "$($cells -join ' | ') must differ"
        $table.Rows[0][4] | Should -Be ([GenesysConvo.TableText]::Shorten('Christopher Rodriguez', 16))
    }
}
