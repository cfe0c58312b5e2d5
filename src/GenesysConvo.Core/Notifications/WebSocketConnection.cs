using System;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Notifications;

/// <summary><see cref="INotificationSocket"/> over ClientWebSocket: no auth header (the channel id is the capability,
/// docs/genesys-api.md §10.1); a connect that takes over 15 s fails.</summary>
public sealed class WebSocketConnection : INotificationSocket
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new ClientWebSocket();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_connectTimeout);
        try
        {
            await _socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketException($"No WebSocket connection to {uri.Host} within {s_connectTimeout.TotalSeconds:0} s.");
        }
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) =>
        _socket.SendAsync(new ArraySegment<byte>(Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Text, true, cancellationToken);

    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(new ArraySegment<byte>(_buffer), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    public void Dispose()
    {
        _socket.Abort();
        _socket.Dispose();
    }
}
