using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Auth;

/// <summary>Receives the browser's redirect after sign-in on http://localhost:&lt;ephemeral port&gt;/ (loopback only, on
/// IPv4 and, where it can, IPv6). Genesys Cloud accepts any port for a loopback redirect URI registered without one
/// (docs/genesys-api.md §11). Answers the browser with a short page; requests for anything but the redirect get 404.</summary>
public sealed class LoopbackRedirectListener : IDisposable
{
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);
    private readonly List<TcpListener> _listeners = new List<TcpListener>();
    private readonly TaskCompletionSource<Uri> _redirected =
        new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _donePage;

    private LoopbackRedirectListener(string donePage) => _donePage = donePage;

    /// <summary>http://localhost:&lt;port&gt;/ — the redirect_uri of the authorization request.</summary>
    public Uri RedirectUri { get; private set; } = null!;

    /// <summary>The first redirect that carries a code or an error (the full address the browser asked for).</summary>
    public Task<Uri> Redirected => _redirected.Task;

    /// <summary>Listens on an ephemeral loopback port. <paramref name="donePage"/> is what the browser shows afterwards.</summary>
    public static LoopbackRedirectListener Start(string donePage)
    {
        var listener = new LoopbackRedirectListener(donePage);
        var v4 = new TcpListener(IPAddress.Loopback, 0);
        v4.Start();
        listener._listeners.Add(v4);
        var port = ((IPEndPoint)v4.LocalEndpoint).Port;
        try
        {
            // "localhost" may resolve to ::1 first; a browser that tries it should find the same listener.
            var v6 = new TcpListener(IPAddress.IPv6Loopback, port);
            v6.Start();
            listener._listeners.Add(v6);
        }
        catch (SocketException) { /* no IPv6 loopback here: IPv4 is enough */ }
        listener.RedirectUri = new Uri("http://localhost:" + port + "/");
        foreach (var l in listener._listeners) _ = listener.AcceptAsync(l);
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var target = await ReadTargetAsync(stream).ConfigureAwait(false);
                var isAnswer = target != null && target.StartsWith("/?", StringComparison.Ordinal)
                               && (target.Contains("code=") || target.Contains("error="));
                await RespondAsync(stream, isAnswer ? 200 : 404, isAnswer ? _donePage : "Not found.").ConfigureAwait(false);
                if (isAnswer) _redirected.TrySetResult(new Uri(RedirectUri, target));
            }
            catch (Exception e) when (e is System.IO.IOException || e is SocketException || e is ObjectDisposedException)
            {
                // the browser left
            }
        }
    }

    /// <summary>The request target of a GET ("/?code=…&amp;state=…"), or null for anything else or a silent connection
    /// (browsers open spare connections they never use).</summary>
    private static async Task<string?> ReadTargetAsync(System.IO.Stream stream)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = stream.ReadAsync(buffer, length, buffer.Length - length);
            if (await Task.WhenAny(read, Task.Delay(s_readTimeout)).ConfigureAwait(false) != read) return null;
            var n = await read.ConfigureAwait(false);
            if (n == 0) break;
            length += n;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (lineEnd < 0) continue;
            var parts = text.Substring(0, lineEnd).Split(' ');
            return parts.Length == 3 && parts[0] == "GET" ? parts[1] : null;
        }
        return null;
    }

    private static async Task RespondAsync(System.IO.Stream stream, int status, string message)
    {
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Genesys Cloud sign-in</title></head><body><p>"
                   + WebUtility.HtmlEncode(message) + "</p></body></html>";
        var body = Encoding.UTF8.GetBytes(html);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Not Found")}\r\n"
                                           + "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                                           + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, 0, head.Length).ConfigureAwait(false);
        await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var listener in _listeners) listener.Stop();
        _redirected.TrySetCanceled();
    }
}
