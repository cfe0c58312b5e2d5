using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Sockets;

namespace GenesysConvo.Core.Http;

/// <summary>What the handlers learned about one logical request (attempts, time spent waiting), carried on
/// the request so the API client can say it in an error: "gave up after 6 attempts over 31 s".</summary>
internal sealed class RequestTrace
{
    private const string Key = "GenesysConvo.RequestTrace";

    public int Attempts { get; set; }
    public TimeSpan Waited { get; set; }
    /// <summary>Why the resilience handler stopped retrying, when it stopped before the retry count ran out.</summary>
    public string? GaveUpBecause { get; set; }
    /// <summary>Whether the token sent could have been renewed: a 401 means something else when it could not.</summary>
    public bool? TokenRenewable { get; set; }
    /// <summary>Sending it twice does no harm (GET, and the query POSTs that only read): a 500 may be retried.</summary>
    public bool Idempotent { get; set; }
    /// <summary>A success must carry JSON: a body that is cut or not JSON (a proxy's page) is a fault worth a retry.</summary>
    public bool ExpectsJson { get; set; }
    /// <summary>The last attempt answered a success whose body was not JSON.</summary>
    public bool UnreadableBody { get; set; }
    /// <summary>The last attempt's success body as the resilience handler read it to check it (in segments that stay
    /// off the Large Object Heap): the caller takes it rather than copying the page again.</summary>
    public ReadOnlySequence<byte>? Body { get; set; }
    /// <summary>How a success body is read into the endpoint's type, inside the attempt: a body that does not read and is not
    /// well-formed JSON is retried as a cut body is, and the caller takes what was read rather than reading the page twice.</summary>
    public Func<ReadOnlySequence<byte>, object?>? Reader { get; set; }
    /// <summary>What <see cref="Reader"/> made of the last attempt's body (null when it could not).</summary>
    public object? Read { get; set; }
    /// <summary>A refused connection is an answer, not a blip: the first login, where it means a wrong host or port.</summary>
    public bool RefusalIsFinal { get; set; }

    /// <summary>A network failure not worth another attempt for this request: a refusal, where refusal is final.</summary>
    public bool EndsRetries(Exception? failure) => RefusalIsFinal && IsRefused(failure);

    /// <summary>Nothing listens at that host and port: a SocketException under the HttpRequestException (.NET and Framework).</summary>
    private static bool IsRefused(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        return false;
    }

    public static RequestTrace? Of(HttpRequestMessage request)
    {
#if NET
        return request.Options.TryGetValue(new HttpRequestOptionsKey<RequestTrace>(Key), out var trace) ? trace : null;
#else
        return request.Properties.TryGetValue(Key, out var trace) ? trace as RequestTrace : null;
#endif
    }

    public void AttachTo(HttpRequestMessage request)
    {
#if NET
        request.Options.Set(new HttpRequestOptionsKey<RequestTrace>(Key), this);
#else
        request.Properties[Key] = this;
#endif
    }
}
