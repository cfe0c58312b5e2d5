using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Notifications;

/// <summary>
/// Keeps topics streaming as docs/genesys-api.md §10.6 says: the topics split over channels of at most 1,000 (20 channels
/// at most), each channel created, subscribed and connected; every message of a topic handed on in order (one at a time
/// across channels); a ping after silence and a reconnect when nothing answers; a reconnect to the same channel after
/// socket_closing or a dropped socket; a new channel before it or its token expires, or when it is gone. After every
/// reconnect a Gap item says messages may have been lost. On the way out the subscriptions are deleted.
/// </summary>
public sealed class NotificationStream
{
    private readonly INotificationChannels _channels;
    private readonly Func<INotificationSocket> _sockets;
    private readonly NotificationStreamOptions _options;
    private readonly SemaphoreSlim _handOver = new SemaphoreSlim(1, 1);
    private readonly TaskCompletionSource<bool> _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitingForFirstConnect;

    public NotificationStream(INotificationChannels channels, Func<INotificationSocket> sockets, NotificationStreamOptions options)
    {
        _channels = channels;
        _sockets = sockets;
        _options = options;
    }

    /// <summary>Completes once every channel is subscribed and connected the first time.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Topics in channel-sized groups; more than the channels can hold is an error that says so.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Split(IReadOnlyList<string> topics, int perChannel, int maxChannels)
    {
        var distinct = topics.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (distinct.Count == 0) throw new ArgumentException("Nothing to watch: give -QueueId, -UserId or -ConversationId.");
        if (distinct.Count > perChannel * maxChannels)
            throw new ArgumentException($"Watching needs {distinct.Count} topics; {maxChannels} channels of {perChannel} hold " +
                                        $"{perChannel * maxChannels}. Watch fewer queues, users or conversations at once.");
        return Enumerable.Range(0, (distinct.Count + perChannel - 1) / perChannel)
            .Select(i => (IReadOnlyList<string>)distinct.Skip(i * perChannel).Take(perChannel).ToList()).ToList();
    }

    /// <summary>Streams until cancelled (or a channel fails beyond repair); <paramref name="handle"/> sees one item at a time.</summary>
    public async Task RunAsync(IReadOnlyList<string> topics, Func<NotificationItem, CancellationToken, Task> handle,
        CancellationToken cancellationToken)
    {
        var groups = Split(topics, _options.MaxTopicsPerChannel, _options.MaxChannels);
        _waitingForFirstConnect = groups.Count;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = groups.Select((group, i) => RunChannelAsync(i + 1, group, handle, stop)).ToList();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _ready.TrySetCanceled();
        }
    }

    private async Task RunChannelAsync(int number, IReadOnlyList<string> topics, Func<NotificationItem, CancellationToken, Task> handle,
        CancellationTokenSource stop)
    {
        var worker = new ChannelWorker(this, number, topics, handle);
        try
        {
            await worker.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !stop.IsCancellationRequested)
        {
            stop.Cancel(); // one channel that cannot go on ends the others: no silent partial stream
            _ready.TrySetException(e);
            throw;
        }
    }

    private async Task HandOverAsync(Func<NotificationItem, CancellationToken, Task> handle, NotificationItem item,
        CancellationToken cancellationToken)
    {
        await _handOver.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await handle(item, cancellationToken).ConfigureAwait(false); }
        finally { _handOver.Release(); }
    }

    private void Connected()
    {
        if (Interlocked.Decrement(ref _waitingForFirstConnect) == 0) _ready.TrySetResult(true);
    }

    /// <summary>One channel's life: open, connect, read; reconnect or renew; clean up.</summary>
    internal sealed class ChannelWorker
    {
        private readonly NotificationStream _stream;
        private readonly string _name;
        private readonly IReadOnlyList<string> _topics;
        private readonly Func<NotificationItem, CancellationToken, Task> _handle;
        private Channel? _channel;
        /// <summary>The channel left for a new one: its subscriptions go once the new socket is up.</summary>
        private Channel? _retired;
        private DateTimeOffset? _tokenExpires;
        private INotificationSocket? _socket;
        private bool _subscribedOnce;
        private bool _connectedOnce;

        public ChannelWorker(NotificationStream stream, int number, IReadOnlyList<string> topics,
            Func<NotificationItem, CancellationToken, Task> handle)
        {
            _stream = stream;
            _name = "channel " + number;
            _topics = topics;
            _handle = handle;
        }

        private NotificationStreamOptions Options => _stream._options;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var failures = 0;
            string? gap = null;
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        var (reason, keepChannel) = await ConnectAndReadAsync(gap, cancellationToken).ConfigureAwait(false);
                        failures = 0;
                        gap = reason;
                        if (!keepChannel) (_retired, _channel) = (_channel, null);
                        OperationContext.Observer.Verbose($"Notifications {_name}: {reason}; " +
                                                          (keepChannel ? "reconnecting to the same channel." : "opening a new channel."));
                    }
                    catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
                    {
                        gap ??= "the connection failed";
                        if (++failures >= Options.MaxFailures || (!_connectedOnce && failures >= 3)) throw;
                        // The first attempt again at once (a dropped socket), then waits that double up to the maximum.
                        var delay = failures == 1 ? TimeSpan.Zero
                            : TimeSpan.FromSeconds(Math.Min(Options.MaxReconnectDelay.TotalSeconds, 1 << Math.Min(failures - 1, 5)));
                        OperationContext.Observer.Verbose(
                            $"Notifications {_name}: {e.Message} — trying again in {delay.TotalSeconds:0} s.");
                        await Http.TimeProviderDelays.DelayAsync(Options.Time, delay, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _socket?.Dispose();
                await CleanUpAsync(_channel).ConfigureAwait(false);
                await CleanUpAsync(_retired).ConfigureAwait(false);
            }
        }

        /// <summary>Connects (a new channel first if needed), writes the gap of the reconnect, then reads until the socket
        /// needs replacing: returns why, and whether the channel itself is still good.</summary>
        private async Task<(string Reason, bool KeepChannel)> ConnectAndReadAsync(string? gap, CancellationToken cancellationToken)
        {
            if (_channel == null) await OpenChannelAsync(cancellationToken).ConfigureAwait(false);
            var channel = _channel!;
            var next = _stream._sockets();
            try
            {
                await next.ConnectAsync(new Uri(channel.ConnectUri!), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                next.Dispose();
                _channel = null; // the channel may be gone (a reconnect to a dead channel fails): the next attempt makes a new one
                throw;
            }

            _socket?.Dispose(); // make before break: the old socket goes once the new one is up
            _socket = next;
            if (_retired != null)
            {
                await CleanUpAsync(_retired).ConfigureAwait(false);
                _retired = null;
            }

            OperationContext.Observer.Verbose($"Notifications {_name}: connected to {channel.Id}.");
            if (_connectedOnce && gap != null)
            {
                var item = new NotificationItem { Kind = NotificationItemKind.Gap, Reason = gap };
                await _stream.HandOverAsync(_handle, item, cancellationToken).ConfigureAwait(false);
            }

            if (!_connectedOnce) _stream.Connected();
            _connectedOnce = true;
            return await new SocketReader(this, next, channel).ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task OpenChannelAsync(CancellationToken cancellationToken)
        {
            if (_tokenExpires is { } old && _stream._channels.TokenExpiresAt is { } current && current <= old)
                await _stream._channels.RenewTokenAsync(old, cancellationToken).ConfigureAwait(false);
            var channel = await _stream._channels.CreateAsync(cancellationToken).ConfigureAwait(false);
            _tokenExpires = _stream._channels.TokenExpiresAt;
            _channel = channel;
            var answers = await _stream._channels.SubscribeAsync(channel.Id!, _topics, cancellationToken).ConfigureAwait(false);
            var rejected = answers.Where(a => string.Equals(a.State, "Rejected", StringComparison.OrdinalIgnoreCase)).ToList();
            OperationContext.Observer.Verbose($"Notifications {_name}: channel {channel.Id} (expires {channel.Expires:u}), " +
                                              $"{_topics.Count - rejected.Count} of {_topics.Count} topics subscribed.");
            if (_subscribedOnce) return;
            _subscribedOnce = true;
            if (rejected.Count == _topics.Count && rejected.Count > 0)
                throw new GenesysApiException(GenesysErrorKind.PermissionDenied, "No topic could be subscribed: " + Describe(rejected));
            foreach (var topic in rejected)
                await _stream.HandOverAsync(_handle, new NotificationItem
                {
                    Kind = NotificationItemKind.Rejected, Topic = topic.Id, Reason = topic.RejectionReason,
                    MissingPermissions = topic.MissingPermissions ?? new List<string>(),
                }, cancellationToken).ConfigureAwait(false);
        }

        internal static string Describe(IEnumerable<ChannelTopic> rejected) => string.Join("; ", rejected.Select(t =>
            $"{t.Id} needs " +
            (t.MissingPermissions is { Count: > 0 } p ? "the permission " + string.Join(", ", p) : t.RejectionReason ?? "a permission")));

        /// <summary>When to leave this channel for a new one: before it, or the token it lives with, expires.</summary>
        internal DateTimeOffset RenewAt(Channel channel)
        {
            var renewAt = channel.Expires is { } expires ? expires - Options.RenewBeforeExpiry : DateTimeOffset.MaxValue;
            var tokenRenewAt = _tokenExpires - Options.RenewBeforeTokenExpiry;
            if (tokenRenewAt < renewAt) renewAt = tokenRenewAt.Value;
            return renewAt;
        }

        internal Task HandOverAsync(NotificationItem item, CancellationToken cancellationToken) =>
            _stream.HandOverAsync(_handle, item, cancellationToken);

        internal string Name => _name;
        internal NotificationStreamOptions StreamOptions => Options;

        private async Task CleanUpAsync(Channel? channel)
        {
            if (channel?.Id == null) return;
            // Not the cancelled token: stopping is exactly when the subscriptions must go (briefly: Ctrl+C must stop soon).
            using var brief = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _stream._channels.UnsubscribeAsync(channel.Id, brief.Token).ConfigureAwait(false);
                OperationContext.Observer.Verbose($"Notifications {_name}: subscriptions of {channel.Id} removed.");
            }
            catch (Exception e) when (IsTransient(e) || e is OperationCanceledException)
            {
                OperationContext.Observer.Verbose(
                    $"Notifications {_name}: could not remove the subscriptions of {channel.Id}: {e.Message}");
            }
        }

        private static bool IsTransient(Exception e) =>
            e is System.Net.WebSockets.WebSocketException || e is System.IO.IOException || e is System.Net.Http.HttpRequestException
            || e is GenesysApiException api && api.Kind != GenesysErrorKind.PermissionDenied && api.Kind != GenesysErrorKind.InvalidRequest;
    }
}
