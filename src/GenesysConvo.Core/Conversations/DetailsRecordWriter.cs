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
/// shapes a conversation its own way): one bulk name look-up per kind per page, -Skip/-First counted in conversations
/// (also when one expands into several rows), and progress for whoever watches.</summary>
internal sealed class DetailsRecordWriter
{
    private readonly NameResolver _names;
    private readonly Func<AnalyticsConversation, IEnumerable<object>> _shape;
    private readonly Action<object> _write;
    private long _passed;

    public DetailsRecordWriter(NameResolver names, Func<AnalyticsConversation, IEnumerable<object>> shape, Action<object> write)
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

    /// <summary>Names a page's ids (one bulk look-up per kind), then writes its records.</summary>
    public async Task WritePageAsync(IReadOnlyList<AnalyticsConversation> conversations, CancellationToken cancellationToken)
    {
        if (conversations.Count == 0) return;
        foreach (var group in IdsIn(conversations).GroupBy(x => x.Kind))
            await _names.ResolveAsync(group.Key, group.Select(x => x.Id), cancellationToken).ConfigureAwait(false);
        foreach (var conversation in conversations)
        {
            if (_passed < Skip)
            {
                _passed++;
                continue;
            }
            if (Done) return;
            foreach (var row in _shape(conversation)) _write(row);
            Written++;
        }
    }

    /// <summary>The ids a page needs named, per kind: users of participants, queues and wrap-up codes of segments.</summary>
    public static IEnumerable<(NameKind Kind, string? Id)> IdsIn(IEnumerable<AnalyticsConversation> page) =>
        page.SelectMany(c => c.Participants).SelectMany(p =>
            new[] { (NameKind.User, p.UserId) }.Concat(p.Sessions.SelectMany(s => s.Segments).SelectMany(g =>
                new[] { (NameKind.Queue, g.QueueId), (NameKind.WrapUpCode, g.WrapUpCode) })));

    public void Report(DetailsPage page)
    {
        if (!(OperationContext.Observer is IProgressObserver progress)) return;
        var percent = page.Estimated > 0 ? (int)Math.Min(99, 100 * page.Fetched / page.Estimated) : -1;
        var status = $"{Written} conversations written, {page.Fetched} fetched of about {page.Estimated}";
        progress.Progress(Activity, status, percent, page.Where);
    }
}
