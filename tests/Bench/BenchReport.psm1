# Statistics and the report of build.ps1 -Task Bench: medians and ranges over rounds, ratios against a baseline of the
# same run, the targets of the performance issue marked met or not, and the report as Markdown and JSON.
$ErrorActionPreference = 'Stop'

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Get-Summary([object[]] $Runs, [string] $Property) {
    <# Median and range of one figure over the measured rounds. #>
    $values = [double[]]@($Runs | ForEach-Object { $_.$Property } | Where-Object { $null -ne $_ })
    [pscustomobject]@{
        Median = Get-Median $values
        Min    = ($values | Measure-Object -Minimum).Minimum
        Max    = ($values | Measure-Object -Maximum).Maximum
        Count  = $values.Count
    }
}

function Get-PairedRatio([object[]] $Runs, [object[]] $BaselineRuns, [scriptblock] $Figure) {
    <#
    The median over rounds of (figure of the run / figure of the baseline's run in the same round): both ran back to
    back, so a change of the machine's load between rounds cancels out.
    #>
    $ratios = foreach ($run in $Runs) {
        $base = $BaselineRuns | Where-Object Round -eq $run.Round | Select-Object -First 1
        if ($base) { (& $Figure $run) / (& $Figure $base) }
    }
    Get-Median ([double[]]@($ratios))
}

function New-Target([string] $Name, [string] $Goal, [double] $Value, [bool] $Met, [string] $Why = '') {
    [pscustomobject]@{ Target = $Name; Goal = $Goal; Value = [Math]::Round($Value, 2); Met = $Met; Note = $Why }
}

function Format-Range($Summary, [string] $Format) {
    ("{0:$Format} ({1:$Format}–{2:$Format})" -f $Summary.Median, $Summary.Min, $Summary.Max)
}

function Format-Cell([string] $Text) { $Text -replace '\|', '\|' }

function ConvertTo-BenchMarkdown($Report) {
    $lines = [Collections.Generic.List[string]]::new()
    $m = $Report.Machine
    $lines.Add("# GenesysConvo benchmark ($($Report.Mode) mode)")
    $lines.Add('')
    $lines.Add("Run $($Report.Started) on $($m.Os), $($m.Cores) cores, $($m.MemoryGiB) GiB, .NET $($m.Dotnet), " +
        "PowerShell $($m.PowerShell), node $($m.Node); load average at the start $($m.LoadAverage); commit $($m.Commit). " +
        "One emulator instance on the same machine (it shares the cores). Every implementation runs in its own fresh process; " +
        "rounds are interleaved (the order rotates), a warm-up round is discarded. Figures are medians (min–max) over " +
        "$($Report.Rounds) rounds; ratios are against a baseline of this run, the median of per-round ratios.")
    $lines.Add('')
    $lines.Add("## Throughput: $($Report.Throughput.Records) completed conversations, rate limit off")
    $lines.Add('')
    $lines.Add('| implementation | seconds | records/s | × floor records/s | client CPU s | × floor CPU/record | peak RSS MiB | × floor RSS |')
    $lines.Add('|---|---|---|---|---|---|---|---|')
    foreach ($row in $Report.Throughput.Rows) {
        $lines.Add("| $(Format-Cell $row.Implementation) | $(Format-Range $row.Seconds 'n2') | $('{0:n0}' -f $row.RecordsPerSecond) | " +
            "$('{0:n2}' -f $row.SpeedRatio) | $(Format-Range $row.CpuSeconds 'n2') | $('{0:n2}' -f $row.CpuRatio) | " +
            "$(Format-Range $row.PeakRssMiB 'n0') | $('{0:n2}' -f $row.RssRatio) |")
    }
    $lines.Add('')
    if ($Report.RecordCost) { foreach ($line in ConvertTo-RecordCostMarkdown $Report.RecordCost) { $lines.Add($line) } }
    $f = $Report.FirstRecord
    $lines.Add('## Time to first record, Import-Module')
    $lines.Add('')
    $lines.Add("- cold C# floor, token + first page (fresh process): $(Format-Range $f.FloorMs 'n0') ms")
    $lines.Add("- module, Connect-GenesysCloud + Search -First 1 in a fresh session (after Import-Module): " +
        "$(Format-Range $f.ModuleMs 'n0') ms, the floor's + $('{0:n0}' -f $f.OverFloorMs) ms (median of per-round differences)")
    $lines.Add("- Import-Module in process, in a fresh session that has imported a module before (as an interactive one has " +
        "PSReadLine): $(Format-Range $f.ImportMs 'n0') ms; that first import of any module in a fresh process (Microsoft.PowerShell.Utility " +
        "here, PowerShell compiling its own module code) took $(Format-Range $f.FirstImportMs 'n0') ms")
    $lines.Add('')
    $mem = $Report.Memory
    $lines.Add('## Memory (Search-GenesysConversationHistory | Measure-Object, fresh processes)')
    $lines.Add('')
    $lines.Add('| records | seconds | peak RSS MiB | × at the small window |')
    $lines.Add('|---|---|---|---|')
    foreach ($row in $mem.Rows) {
        $lines.Add("| $('{0:n0}' -f $row.Records) | $('{0:n1}' -f $row.Seconds) | $('{0:n0}' -f $row.PeakRssMiB) | $('{0:n2}' -f $row.Ratio) |")
    }
    $lines.Add('')
    $b = $Report.BusyDay
    $rate = if ($b.RateLimitWindowSeconds -and $b.RateLimitWindowSeconds -ne 60) {
        "$($b.RateLimitPerMinute) requests per $($b.RateLimitWindowSeconds) s (the quick mode's window; the API's is a minute)"
    } else { "$($b.RateLimitPerMinute) requests/min" }
    $lines.Add("## Busy day: $('{0:n0}' -f $b.Conversations) conversations at $rate")
    $lines.Add('')
    $lines.Add('| implementation | seconds | records | 429s received | errors | × module time |')
    $lines.Add('|---|---|---|---|---|---|')
    foreach ($row in $b.Rows) {
        $lines.Add("| $(Format-Cell $row.Implementation) | $('{0:n1}' -f $row.Seconds) | $($row.Records) | $($row.RateLimited) | $($row.Errors) | $('{0:n2}' -f $row.Ratio) |")
    }
    $lines.Add('')
    $lines.Add("Same id set: $($b.SameIds) ($($b.ModuleIds) module, $($b.LoopIds) loop; only in module: $($b.OnlyModule), only in loop: $($b.OnlyLoop)).")
    $lines.Add('')
    $lines.Add('## Targets')
    $lines.Add('')
    $lines.Add('| target | goal | this run | met |')
    $lines.Add('|---|---|---|---|')
    foreach ($t in $Report.Targets) {
        $note = if ($t.Note) { " ($($t.Note))" } else { '' }
        $lines.Add("| $(Format-Cell $t.Target) | $($t.Goal) | $($t.Value)$note | $(if ($t.Met) { 'met' } else { '**not met**' }) |")
    }
    $missed = @($Report.Targets | Where-Object { -not $_.Met } | ForEach-Object Target)
    $explained = @($Report.NotMet | Where-Object { $entry = $_; $missed | Where-Object { $_.StartsWith($entry.Target) } })
    # A miss the file does not explain is said as such, so a report can never pass one over in silence.
    $unexplained = @($missed | Where-Object { $target = $_; -not ($Report.NotMet | Where-Object { $target.StartsWith($_.Target) }) })
    if ($explained -or $unexplained) {
        $lines.Add('')
        $lines.Add('Where a target is not met (tests/Bench/targets-not-met.json):')
        $lines.Add('')
        foreach ($entry in $explained) { $lines.Add("- **$(Format-Cell $entry.Target)**: $($entry.Why) Tried: $($entry.Tried)") }
        foreach ($target in $unexplained) { $lines.Add("- **$(Format-Cell $target)**: not explained yet (no entry in tests/Bench/targets-not-met.json).") }
    }
    if ($Report.Notes) {
        $lines.Add('')
        foreach ($note in $Report.Notes) { $lines.Add("- $note") }
    }
    $lines -join "`n"
}

function ConvertTo-RecordCostMarkdown($Cost) {
    <#
    "Where the time goes": what one record costs the client in this run (allocations do not depend on the machine's load,
    CPU does), and the measured steps that brought it there (tests/Bench/record-cost.json: allocations by kind from a
    dotnet-trace gc-verbose trace of each step).
    #>
    $now = $Cost.ThisRun
    "## Where the time goes: client cost per record"
    ''
    "This run, $($Cost.Measured): $('{0:n0}' -f $now.BytesPerRecord) bytes allocated and $('{0:n3}' -f $now.CpuMsPerRecord) ms CPU " +
        "per record, $('{0:n1}' -f $now.Gen0PerThousand) gen-0 and $('{0:n1}' -f $now.Gen2PerThousand) gen-2 collections per 1,000 records; the C# floor's CPU per record in this " +
        "run's throughput rounds: $('{0:n3}' -f $Cost.FloorCpuMsPerRecord) ms (a fresh process: start-up and JIT included)."
    ''
    "The steps, measured the same way on $($Cost.History.Machine) ($($Cost.History.Measured)):"
    ''
    $kinds = @($Cost.History.Kinds)
    '| step | commit | bytes/record | CPU ms/record | gen-0 per 1,000 | ' + (($kinds | ForEach-Object { "$_ B" }) -join ' | ') + ' |'
    '|---|---|---|---|---|' + ('---|' * $kinds.Count)
    foreach ($step in $Cost.History.Steps) {
        $cells = foreach ($kind in $kinds) { '{0:n0}' -f ($step.Kinds.$kind ?? 0) }
        "| $(Format-Cell $step.Step) | $($step.Commit) | $('{0:n0}' -f $step.BytesPerRecord) | $($step.CpuMsPerRecord) | " +
            "$('{0:n1}' -f $step.Gen0PerThousand) | $($cells -join ' | ') |"
    }
    ''
    foreach ($note in $Cost.History.Notes) { "- $note" }
    ''
}

Export-ModuleMember -Function Get-Median, Get-Summary, Get-PairedRatio, New-Target, ConvertTo-BenchMarkdown, ConvertTo-RecordCostMarkdown
