using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Export;

/// <summary>Writes an export's pages: each conversation's rows into the file (an incremental export keeps the open
/// ones for a later run instead), the file flushed to disk, and then the checkpoint told what the page added.</summary>
internal sealed class ExportWriter
{
    private readonly NameResolver _names;
    private readonly RecordFile _file;
    private readonly ExportRequest _request;
    private readonly ConversationRecordBuilder _builder;
    private readonly ExportRun _run;
    private readonly ExportCheckpoint? _checkpoint;

    public ExportWriter(
        NameResolver names, RecordFile file, ExportRequest request, DateTimeOffset now, ExportRun run, ExportCheckpoint? checkpoint)
    {
        _names = names;
        _file = file;
        _request = request;
        _builder = new ConversationRecordBuilder(names.NameOf, now);
        _run = run;
        _checkpoint = checkpoint;
    }

    /// <summary>Writes a page and records it. A recheck page (the last run's open conversations) gives no unit ids.</summary>
    public async Task WriteAsync(DetailsPage page, bool recheck, IReadOnlyList<string> lateFromJobs, CancellationToken cancellationToken)
    {
        var conversations = page.Conversations;
        var open = _request.Incremental ? conversations.Where(c => c.ConversationEnd is null).ToList() : new List<AnalyticsConversation>();
        var complete = conversations.Except(open).ToList();
        if (conversations.Count == 0 && lateFromJobs.Count == 0) return;

        await DetailsRecordWriter.NameAsync(_names, complete, cancellationToken).ConfigureAwait(false);
        long rows = 0;
        foreach (var conversation in complete)
            foreach (var row in Rows(conversation))
            {
                _file.Write(row);
                rows++;
            }
        Record(new ExportPageRecord
        {
            Given = recheck ? new List<string>() : conversations.Select(c => c.ConversationId).ToList(),
            LateFromJobs = lateFromJobs.ToList(),
            StillOpen = open.Select(c => new PendingConversation { Id = c.ConversationId, Start = c.ConversationStart }).ToList(),
            RecheckWritten = recheck ? complete.Select(c => c.ConversationId).ToList() : new List<string>(),
            Bytes = _file.Flush(),
            Rows = _run.Rows + rows,
            Conversations = _run.Conversations + complete.Count,
        });
    }

    /// <summary>A conversation of the last run's open ones that this run could not read: it stays open for the next.</summary>
    public void KeepOpen(PendingConversation pending) =>
        Record(new ExportPageRecord { StillOpen = { pending }, Bytes = _run.Bytes, Rows = _run.Rows, Conversations = _run.Conversations });

    public void Report(DetailsPage page, string activity)
    {
        if (!(OperationContext.Observer is IProgressObserver progress)) return;
        var percent = page.Estimated > 0 ? (int)Math.Min(99, 100 * page.Fetched / page.Estimated) : -1;
        var status = $"{_run.Rows} rows of {_run.Conversations} conversations written, {page.Fetched} fetched of about {page.Estimated}";
        progress.Progress(activity, status, percent, page.Where);
    }

    private void Record(ExportPageRecord record)
    {
        ExportCheckpoint.Apply(_run, record);
        _checkpoint?.Append(record);
    }

    private IEnumerable<object> Rows(AnalyticsConversation conversation) => _request.Expand switch
    {
        HistoryExpansion.Participant => _builder.Participants(conversation),
        HistoryExpansion.Session => _builder.Sessions(conversation),
        HistoryExpansion.Segment => _builder.Segments(conversation),
        _ => new object[] { _builder.Conversation(conversation) },
    };
}
