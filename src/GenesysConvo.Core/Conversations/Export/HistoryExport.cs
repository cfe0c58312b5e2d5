using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Export;

/// <summary>An export: the history search's details, and where and how to write them.</summary>
public sealed class ExportRequest : DetailsRequest
{
    public ExportRequest() => Activity = "Export-GenesysConversationHistory";

    public string Path { get; set; } = "";
    public HistoryExpansion Expand { get; set; }
    /// <summary>Where progress is recorded, so a failed run can be continued by running the same command again.</summary>
    public string? CheckpointPath { get; set; }
    /// <summary>Each run exports what started since the last run, and what was open then and has ended since.</summary>
    public bool Incremental { get; set; }
    /// <summary>Incremental runs end this long before now: the analytics API has a conversation a few minutes after it
    /// starts, and what the window misses the next run would not look for.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>What was asked, as the user gave it (HistoryCriteria.Describe): what a checkpoint is matched against.
    /// Null: the query itself.</summary>
    public string? Asked { get; set; }
}

/// <summary>Export-GenesysConversationHistory: the details engine written to a file that takes its name only when
/// complete, with a checkpoint after every flushed page (resumable: nothing fetched again but the unit in progress,
/// nothing written twice), and an incremental mode that writes each conversation once, when it has ended.</summary>
public sealed class HistoryExport
{
    private readonly GenesysApi _api;
    private readonly NameResolver _names;
    private readonly ExportRequest _request;
    private readonly ExportCheckpoint? _checkpoint;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ExportState _state = new ExportState();
    private ExportRun _run = new ExportRun();

    public HistoryExport(GenesysApi api, NameResolver names, ExportRequest request)
    {
        if (request.Incremental && request.CheckpointPath is null)
            throw new ArgumentException("-Incremental keeps what each run leaves open in its checkpoint: give -CheckpointPath too.");
        RecordFile.FormatOf(request.Path);
        _api = api;
        _names = names;
        _request = request;
        _checkpoint = request.CheckpointPath is null ? null : new ExportCheckpoint(request.CheckpointPath);
    }

    public async Task<ExportSummary> RunAsync(CancellationToken cancellationToken)
    {
        var (requests, retries) = (_api.Connection.RequestCount, _api.Connection.RetryCount);
        var window = Begin();
        var rowType = RowType(_request.Expand);
        if (_run.Bytes > 0) AdoptPartialFile();
        var file = _run.Bytes > 0 ? RecordFile.Resume(_request.Path, rowType, _run.Bytes) : RecordFile.Create(_request.Path, rowType);
        var complete = false;
        try
        {
            if (_run.Bytes == 0) _run.Bytes = file.Flush();
            _checkpoint?.Save(_state);
            var writer = new ExportWriter(_names, file, _request, _api.Connection.Options.Time.GetUtcNow(), _run, _checkpoint);
            if (!_run.RecheckDone) await RecheckAsync(writer, cancellationToken).ConfigureAwait(false);
            if (window is { } read) await ReadWindowAsync(writer, read, cancellationToken).ConfigureAwait(false);
            file.Commit();
            complete = true;
        }
        finally
        {
            if (!complete)
            {
                file.Dispose();
                // Without a checkpoint nothing can continue the partial file: do not leave it behind.
                if (_checkpoint is null) System.IO.File.Delete(file.TemporaryPath);
            }
        }
        Finish(window);
        return Summary(window, _api.Connection.RequestCount - requests, _api.Connection.RetryCount - retries);
    }

    /// <summary>The run to do: the one in the checkpoint (the same command, continued), or a new one. Its window is null
    /// when an incremental run comes too soon after the last: then it only checks what the last run left open.</summary>
    private TimeWindow? Begin()
    {
        var fingerprint = Fingerprint();
        if (_checkpoint?.Load() is { } saved)
        {
            if (saved.Fingerprint != fingerprint)
                throw new ArgumentException($"The checkpoint '{_checkpoint.Path}' belongs to another export " +
                                            "(other filters, rows, file or window). " +
                                            "Run that export again to finish it, or give this one another -CheckpointPath.");
            _state = saved;
        }
        _state.Fingerprint = fingerprint;
        if (_state.Run is { } resumed)
        {
            _run = resumed;
            _run.Resumes++;
            OperationContext.Observer.Verbose(
                $"Continuing the export from its checkpoint: {_run.Rows} rows written, part {_run.Unit + 1}.");
            return _run.Window.Length == 0 ? (TimeWindow?)null : TimeWindow.Parse(_run.Window);
        }
        var window = _request.Incremental ? IncrementalWindow() : _request.Window;
        _run = new ExportRun
        {
            Path = FullPath, Window = window?.ToInterval() ?? "", Recheck = _state.Pending, RecheckDone = _state.Pending.Count == 0,
        };
        _state.Run = _run;
        return window;
    }

    private string FullPath => System.IO.Path.GetFullPath(_request.Path);

    /// <summary>An incremental run that failed is continued by the next one, which names a file of its own: the rows the
    /// failed run wrote move to this run's partial file (any other export continues the file it began: the checkpoint
    /// holds its path in its fingerprint).</summary>
    private void AdoptPartialFile()
    {
        var earlier = _run.Path;
        if (earlier.Length == 0 || string.Equals(earlier, FullPath, StringComparison.Ordinal)) return;
        var from = RecordFile.PartialPathOf(earlier);
        var to = RecordFile.PartialPathOf(FullPath);
        if (System.IO.File.Exists(from))
        {
            if (System.IO.File.Exists(to)) System.IO.File.Delete(to);
            System.IO.File.Move(from, to);
        }
        OperationContext.Observer.Verbose($"The run that wrote '{earlier}' did not finish; its rows continue in '{FullPath}'.");
        _run.Path = FullPath;
    }

    /// <summary>From where the last run ended (or the given start, the first time) to a little before now; null when
    /// nothing has started since that the API surely has.</summary>
    private TimeWindow? IncrementalWindow()
    {
        var end = _api.Connection.Options.Time.GetUtcNow() - _request.SettleTime;
        if (_request.Window.End < end) end = _request.Window.End;
        var start = IncrementalStart;
        if (end > start) return new TimeWindow(start, end);
        OperationContext.Observer.Verbose($"The last run exported up to {start:u}, and a run ends " +
                                          $"{Durations.Describe(_request.SettleTime)} before now: this one only looks at what " +
                                          "the last run left open.");
        return null;
    }

    private DateTimeOffset IncrementalStart => _state.CompletedThrough ?? _request.Window.Start;

    /// <summary>The open conversations of the last run, asked for again by id: those that have ended are written now.</summary>
    private async Task RecheckAsync(ExportWriter writer, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(_run.RecheckWritten, StringComparer.OrdinalIgnoreCase);
        foreach (var batch in _run.Recheck.Where(p => !written.Contains(p.Id)).Select((p, i) => (p, i)).GroupBy(x => x.i / 100, x => x.p))
        {
            var pending = batch.ToList();
            var from = new DateTimeOffset(pending.Min(p => p.Start).UtcDateTime.Date, TimeSpan.Zero);
            var query = _request.Query.Clone();
            query.Add(DetailsFilterKind.Conversation, QueryFilters.AnyOf("conversationId", pending.Select(p => p.Id)));
            var details = new DetailsRequest
            {
                Window = new TimeWindow(from, _api.Connection.Options.Time.GetUtcNow()), Query = query, IncludeActive = true,
                Source = DetailsSource.Query,
            };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var reader = new ConversationDetailsReader(_api.Analytics, details);
            await foreach (var page in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                seen.UnionWith(page.Conversations.Select(c => c.ConversationId));
                await writer.WriteAsync(page, recheck: true, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
            }
            // A conversation the API no longer returns stays pending rather than lost.
            foreach (var missing in pending.Where(p => !seen.Contains(p.Id))) writer.KeepOpen(missing);
        }
        _run.RecheckDone = true;
        _checkpoint?.Save(_state);
    }

    private async Task ReadWindowAsync(ExportWriter writer, TimeWindow window, CancellationToken cancellationToken)
    {
        var details = new DetailsRequest
        {
            Window = window, Query = _request.Query, IncludeActive = _request.IncludeActive || _request.Incremental,
            PageSize = _request.PageSize, Source = _request.Source, Activity = _request.Activity, SliceLength = _request.SliceLength,
            JobSpan = _request.JobSpan ?? TimeSpan.FromDays(1),
            Resume = new DetailsPosition
            {
                Planned = _run.Planned, Availability = _run.Availability, Unit = _run.Unit, UnitDoneUntil = _run.UnitDoneUntil,
                GivenInUnit = new ConversationIdSet(_run.GivenInUnit),
                LateFromJobs = new HashSet<string>(_run.LateFromJobs, StringComparer.OrdinalIgnoreCase),
            },
        };
        var reader = new ConversationDetailsReader(_api.Analytics, details);
        try
        {
            await foreach (var page in reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _run.Planned = reader.Position.Planned;
                _run.Availability = reader.Position.Availability;
                var lateFromJobs = reader.Position.LateFromJobs.Except(_run.LateFromJobs, StringComparer.OrdinalIgnoreCase).ToList();
                await writer.WriteAsync(page, recheck: false, lateFromJobs, cancellationToken).ConfigureAwait(false);
                writer.Report(page, _request.Activity);
                if (!page.EndsUnit)
                {
                    if (reader.Position.UnitDoneUntil != _run.UnitDoneUntil) ForgetFinishedSlices(reader.Position);
                    continue;
                }
                // A unit is done: the checkpoint is rewritten whole, without that unit's ids.
                _run.Unit = reader.Position.Unit;
                _run.UnitDoneUntil = null;
                _run.GivenInUnit.Clear();
                _run.LateFromJobs = reader.Position.LateFromJobs.ToList();
                _checkpoint?.Save(_state);
            }
        }
        finally
        {
            (OperationContext.Observer as IProgressObserver)?.Progress(_request.Activity, "Done", 100, null, completed: true);
        }
    }

    /// <summary>A slice of the unit was read to its end: the checkpoint is rewritten whole with only the ids that may still
    /// come again (those the reader keeps), so a long unit's ids do not pile up in memory or in the file.</summary>
    private void ForgetFinishedSlices(DetailsPosition position)
    {
        _run.UnitDoneUntil = position.UnitDoneUntil;
        _run.GivenInUnit = position.GivenInUnit.ToList();
        _checkpoint?.Save(_state);
    }

    /// <summary>A complete run: the checkpoint goes, or, for an incremental export, keeps where this run ended and what it
    /// left open.</summary>
    private void Finish(TimeWindow? window)
    {
        if (_checkpoint is null) return;
        if (!_request.Incremental)
        {
            _checkpoint.Delete();
            return;
        }
        _state.CompletedThrough = window?.End ?? IncrementalStart;
        _state.Pending = _run.StillOpen;
        _state.Run = null;
        _checkpoint.Save(_state);
    }

    private ExportSummary Summary(TimeWindow? window, long requests, long retries) => new ExportSummary
    {
        Path = FullPath, Format = RecordFile.FormatOf(_request.Path).ToString(),
        WindowStart = window?.Start ?? IncrementalStart, WindowEnd = window?.End ?? IncrementalStart,
        Rows = _run.Rows, Conversations = _run.Conversations,
        Pending = _run.StillOpen.Count, PendingConversationIds = _run.StillOpen.Select(p => p.Id).ToList(),
        Slices = _run.Unit, Requests = requests, Retries = retries, Resumes = _run.Resumes, Elapsed = _clock.Elapsed,
    };

    /// <summary>What the export asks for, so a checkpoint is continued only by the same export.</summary>
    private string Fingerprint()
    {
        var day = new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var anyWindow = new TimeWindow(day, day.AddDays(1));
        var query = _request.Asked ?? JsonSerializer.Serialize(_request.Query.ForPage(anyWindow, null), ApiJson.Default.ConversationQuery);
        var window = _request.Incremental ? "incremental" : _request.Window.ToInterval();
        // Each incremental run writes a file of its own; any other export continues the one file it began.
        var file = _request.Incremental ? RecordFile.FormatOf(_request.Path).ToString() : FullPath;
        return string.Join("|", query, _request.Expand, file, _request.IncludeActive, _request.Source, window);
    }

    public static Type RowType(HistoryExpansion expand) => expand switch
    {
        HistoryExpansion.Participant => typeof(ConversationParticipantRow),
        HistoryExpansion.Session => typeof(ConversationSessionRow),
        HistoryExpansion.Segment => typeof(ConversationSegmentRow),
        _ => typeof(ConversationRecord),
    };
}
