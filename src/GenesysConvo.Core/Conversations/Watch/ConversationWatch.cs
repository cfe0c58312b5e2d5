using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Conversations.Live;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Names;
using GenesysConvo.Core.Notifications;

namespace GenesysConvo.Core.Conversations.Watch;

/// <summary>
/// Watch-GenesysConversation: the watched queues', users' and conversations' topics streamed (<see cref="NotificationStream"/>)
/// into <see cref="ConversationEvent"/> records, names from the session's cache. With IncludeSnapshot the live state of
/// what is watched comes first (read once the channels are up, events held back meanwhile, so nothing falls between);
/// after a gap a Gap record and the same re-read, so no change is silently missed. Ends on -Timeout, after -First
/// records, once every watched conversation ended (conversations only), or when cancelled.
/// </summary>
public sealed class ConversationWatch
{
    private readonly GenesysApi _api;
    private readonly NameResolver _names;
    private readonly WatchRequest _request;
    private readonly Action<object> _write;
    private readonly ChangeReader _changes = new ChangeReader();
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private readonly HashSet<string> _endedConversations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<string> _queueIds = Array.Empty<string>();
    private IReadOnlyList<string> _userIds = Array.Empty<string>();
    private CancellationTokenSource? _stop;
    private long _written;
    private bool _endingScheduled;
    private static readonly TimeSpan s_linger = TimeSpan.FromSeconds(2);

    public ConversationWatch(GenesysApi api, NameResolver names, WatchRequest request, Action<object> write)
    {
        _api = api;
        _names = names;
        _request = request;
        _write = write;
    }

    private TimeProvider Time => _api.Connection.Options.Time;

    /// <summary>Watches until a stop condition; returns how many records were written. Cancellation by the caller throws.</summary>
    public async Task<long> RunAsync(Func<INotificationSocket> sockets, NotificationStreamOptions options,
        CancellationToken cancellationToken)
    {
        _request.CheckValues();
        _queueIds = await _names.IdsForAsync(NameKind.Queue, _request.Queues, cancellationToken).ConfigureAwait(false);
        _userIds = await _names.IdsForAsync(NameKind.User, _request.Users, cancellationToken).ConfigureAwait(false);
        var topics = _queueIds.Select(WatchRequest.QueueTopic).Concat(_userIds.Select(WatchRequest.UserTopic))
            .Concat(_request.ConversationIds.SelectMany(WatchRequest.DetailTopics)).ToList();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        if (_request.Timeout is { } timeout)
            _ = Time.DelayAsync(timeout, stop.Token).ContinueWith(t => { if (t.Status == TaskStatus.RanToCompletion) Stop("-Timeout"); },
                TaskScheduler.Default);
        var stream = new NotificationStream(new ApiNotificationChannels(_api), sockets, options);
        await _gate.WaitAsync(stop.Token).ConfigureAwait(false); // events wait until the snapshot is written
        var run = stream.RunAsync(topics, HandleAsync, stop.Token);
        try
        {
            try
            {
                await Task.WhenAny(stream.Ready, run).ConfigureAwait(false);
                if (run.IsCompleted) await run.ConfigureAwait(false);
                OperationContext.Observer.Verbose($"Watching {topics.Count} topics.");
                await ReReadAsync(_request.IncludeSnapshot, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await IgnoreCancellation(run).ConfigureAwait(false); // a stop condition: the stream's clean-up has finished
        }

        return Interlocked.Read(ref _written);
    }

    private static async Task IgnoreCancellation(Task run)
    {
        try { await run.ConfigureAwait(false); }
        catch (OperationCanceledException) { /* stopped on purpose */ }
    }

    private void Stop(string why)
    {
        OperationContext.Observer.Verbose($"Stopping the watch: {why}.");
        try { _stop?.Cancel(); }
        catch (ObjectDisposedException) { /* already over */ }
    }

    private void Write(ConversationEvent record)
    {
        _write(record);
        if (_request.First is { } first && Interlocked.Increment(ref _written) >= first) Stop($"-First {first} reached");
        else if (_request.First == null) Interlocked.Increment(ref _written);
    }

    private async Task HandleAsync(NotificationItem item, CancellationToken cancellationToken)
    {
        if (item.Kind == NotificationItemKind.Rejected)
        {
            // Reported while the channels open, before the snapshot: not behind the gate the snapshot holds.
            OperationContext.Observer.Warning($"Not watching {item.Topic}: it needs the permission " +
                                              $"{string.Join(", ", item.MissingPermissions)} ({item.Reason ?? "rejected"}).");
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stop!.IsCancellationRequested) return;
            switch (item.Kind)
            {
                case NotificationItemKind.Gap:
                    Write(new ConversationEvent
                    {
                        EventTime = Time.GetUtcNow(), Change = ConversationChange.Gap,
                        Message = $"Events may have been lost ({item.Reason}); what is watched is read again.",
                    });
                    await ReReadAsync(write: true, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    await EventAsync(item, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The live state of what is watched, from the live APIs: the base of the changes that follow.</summary>
    private async Task ReReadAsync(bool write, CancellationToken cancellationToken)
    {
        _changes.Forget();
        var now = Time.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Take(ActiveConversation state)
        {
            if (!seen.Add(state.ConversationId)) return;
            _changes.Remember(state, now);
            if (write) Write(Snapshot(state, now));
        }

        foreach (var criteria in SnapshotCriteria())
            await LiveConversations.ListAsync(_api, _names, new LiveListRequest { Criteria = criteria },
                page => { foreach (var o in page) Take((ActiveConversation)o); }, cancellationToken).ConfigureAwait(false);
        foreach (var id in _request.ConversationIds)
        {
            var state = await LiveConversations.GetAsync(_api, _names, id, cancellationToken).ConfigureAwait(false);
            Take(state);
            if (state.Step == ConversationStep.Ended) _endedConversations.Add(id);
        }

        StopIfAllEnded();
    }

    private IEnumerable<ConversationCriteria> SnapshotCriteria()
    {
        if (_queueIds.Count > 0) yield return new ConversationCriteria { Queues = _queueIds.ToList() };
        if (_userIds.Count > 0) yield return new ConversationCriteria { Users = _userIds.ToList() };
    }

    /// <summary>Once every watched conversation has ended (conversations only), the watch ends a moment later: the last
    /// events of the conversation, sent together, are still written.</summary>
    private void StopIfAllEnded()
    {
        if (_endingScheduled || _queueIds.Count > 0 || _userIds.Count > 0 || !_request.ConversationIds.All(_endedConversations.Contains))
            return;
        _endingScheduled = true;
        _ = Time.DelayAsync(s_linger, _stop!.Token).ContinueWith(t =>
        {
            if (t.Status == TaskStatus.RanToCompletion) Stop("every watched conversation has ended");
        }, TaskScheduler.Default);
    }

    private async Task EventAsync(NotificationItem item, CancellationToken cancellationToken)
    {
        var topic = item.Topic ?? "";
        const string detailPrefix = "v2.detail.events.conversation.";
        if (topic.StartsWith(detailPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await DetailEventAsync(item, topic.Substring(detailPrefix.Length + 37), cancellationToken).ConfigureAwait(false);
            return;
        }

        var conversation = JsonSerializer.Deserialize(item.Body ?? "{}", ApiJson.Default.Conversation);
        if (conversation?.Id == null) return;
        if (_changes.IsRepeat(conversation.Id, item.Body!)) return; // the same snapshot twice (two channels, a resend)
        var now = Time.GetUtcNow();
        var state = await new LiveEventReader(_names, now).ReadAsync(conversation, _changes.FirstSeen(conversation.Id), cancellationToken)
            .ConfigureAwait(false);
        var change = _changes.Read(state, item.Body, now);
        Write(Record(state, change, now, topic, item.Body));
    }

    private async Task DetailEventAsync(NotificationItem item, string suffix, CancellationToken cancellationToken)
    {
        var detail = JsonSerializer.Deserialize(item.Body ?? "{}", ApiJson.Default.ConversationDetailEvent);
        if (detail?.ConversationId == null) return;
        var at = detail.EventTime is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : Time.GetUtcNow();
        var state = await LiveConversations.GetAsync(_api, _names, detail.ConversationId, cancellationToken).ConfigureAwait(false);
        Write(Record(state, ChangeReader.OfDetail(suffix, detail.AcdOutcome), at, item.Topic, item.Body));
        if (state.Step == ConversationStep.Ended) _endedConversations.Add(detail.ConversationId);
        StopIfAllEnded();
    }

    private static ConversationEvent Snapshot(ActiveConversation state, DateTimeOffset now) =>
        Record(state, ConversationChange.Snapshot, now, null, null);

    private static ConversationEvent Record(ActiveConversation state, ConversationChange change, DateTimeOffset at, string? topic,
        string? body) => new ConversationEvent
        {
            EventTime = at, Change = change, ConversationId = state.ConversationId, Step = state.Step, MediaType = state.MediaType,
            Queue = state.Queue, QueueId = state.QueueId, Agent = state.Agent, AgentId = state.AgentId,
            CustomerAddress = state.CustomerAddress, LiveFor = state.LiveFor,
            WaitingFor = ChangeReader.WaitingSince(state) is { } since ? at - since : (TimeSpan?)null,
            Topic = topic, Body = body, Conversation = state,
        };
}
