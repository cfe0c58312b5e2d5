using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations;

/// <summary>Writes what a details stream holds as records, page by page, for history and the live list alike (each
/// shapes a conversation its own way): one bulk name look-up per kind per page, each page's records handed on at once
/// (one hand-over to the pipeline thread, not one per record), -Skip/-First counted in conversations (also when one
/// expands into several rows), and progress for whoever watches.</summary>
internal sealed class DetailsRecordWriter
{
    private readonly NameResolver _names;
    private readonly Func<AnalyticsConversation, IEnumerable<object>> _shape;
    private readonly Action<IReadOnlyList<object>> _write;
    private long _passed;

    public DetailsRecordWriter(NameResolver names, Func<AnalyticsConversation, IEnumerable<object>> shape,
        Action<IReadOnlyList<object>> write)
    {
        _names = names;
        _shape = shape;
        _write = write;
    }

    public long Skip { get; set; }
    /// <summary>Conversations to write at most: no page is asked for beyond the one that completes them.</summary>
    public long? Limit { get; set; }
    public long Written { get; private set; }
    public string Activity { get; set; } = "";

    private bool Done => Limit is { } limit && Written >= limit;

    /// <summary>Reads the stream until it ends or the limit is reached; returns how many conversations were written.</summary>
    public async Task<long> WriteAsync(IAsyncEnumerable<DetailsPage> pages, CancellationToken cancellationToken)
    {
        try
        {
            if (Done) return Written;
            await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await WritePageAsync(page.Conversations, cancellationToken).ConfigureAwait(false);
                Report(page);
                if (Done) break;
            }
            return Written;
        }
        finally
        {
            (OperationContext.Observer as IProgressObserver)?.Progress(Activity, "Done", 100, null, completed: true);
        }
    }

    /// <summary>Names the ids of a page's conversations that are written (past -Skip, within -First: one bulk look-up per
    /// kind), then writes their records at once.</summary>
    public async Task WritePageAsync(IReadOnlyList<AnalyticsConversation> conversations, CancellationToken cancellationToken)
    {
        var written = new List<AnalyticsConversation>(conversations.Count);
        foreach (var conversation in conversations)
        {
            if (_passed < Skip)
            {
                _passed++;
                continue;
            }
            if (Limit is { } limit && Written + written.Count >= limit) break;
            written.Add(conversation);
        }
        if (written.Count == 0) return;
        await NameAsync(_names, written, cancellationToken).ConfigureAwait(false);
        var rows = new List<object>(written.Count);
        foreach (var conversation in written) rows.AddRange(_shape(conversation));
        Written += written.Count;
        if (rows.Count > 0) _write(rows);
    }

    /// <summary>Names a page's ids: one bulk look-up per kind, the kinds at once.</summary>
    public static Task NameAsync(NameResolver names, IEnumerable<AnalyticsConversation> page, CancellationToken cancellationToken) =>
        names.ResolveAllAsync(IdsIn(page), cancellationToken);

    /// <summary>The ids a page needs named, per kind: users of participants, queues and wrap-up codes of segments (one
    /// pass, three lists a page: nothing allocated per participant or segment).</summary>
    public static IReadOnlyList<(NameKind Kind, List<string> Ids)> IdsIn(IEnumerable<AnalyticsConversation> page)
    {
        List<string> users = new List<string>(), queues = new List<string>(), wrapUpCodes = new List<string>();
        foreach (var conversation in page)
            foreach (var participant in conversation.Participants)
            {
                if (participant.UserId != null) users.Add(participant.UserId);
                foreach (var session in participant.Sessions)
                    foreach (var segment in session.Segments)
                    {
                        if (segment.QueueId != null) queues.Add(segment.QueueId);
                        if (segment.WrapUpCode != null) wrapUpCodes.Add(segment.WrapUpCode);
                    }
            }
        return new[] { (NameKind.User, users), (NameKind.Queue, queues), (NameKind.WrapUpCode, wrapUpCodes) };
    }

    public void Report(DetailsPage page)
    {
        if (!(OperationContext.Observer is IProgressObserver progress)) return;
        var percent = page.Estimated > 0 ? (int)Math.Min(99, 100 * page.Fetched / page.Estimated) : -1;
        var status = $"{Written} conversations written, {page.Fetched} fetched of about {page.Estimated}";
        progress.Progress(Activity, status, percent, page.Where);
    }
}
