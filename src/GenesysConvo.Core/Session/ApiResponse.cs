using System;
using System.Buffers;
using System.Text;

namespace GenesysConvo.Core.Session;

/// <summary>A successful answer: the body as the API sent it (UTF-8 JSON), and what it took to get it.</summary>
public sealed class ApiResponse
{
    private string? _text;

    public ApiResponse(string method, string path, int statusCode, ReadOnlySequence<byte> content, string? correlationId, int attempts)
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        Content = content;
        CorrelationId = correlationId;
        Attempts = attempts;
    }

    public string Method { get; }
    public string Path { get; }
    public int StatusCode { get; }
    /// <summary>In segments below the Large Object Heap's threshold when it is a success the API sent as JSON.</summary>
    public ReadOnlySequence<byte> Content { get; }
#if NET
    public string Body => _text ??= Encoding.UTF8.GetString(Content);
#else
    public string Body => _text ??= Encoding.UTF8.GetString(Content.ToArray()); // netstandard2.0 decodes arrays only
#endif
    public string? CorrelationId { get; }
    public int Attempts { get; }
    /// <summary>The body as the endpoint's type, read once within the attempt (null when the request gave no reader).</summary>
    internal object? Value { get; set; }
    /// <summary>How far this machine's clock is ahead of the server's (its Date header), when the server said.</summary>
    internal TimeSpan? ClockAheadOfServer { get; set; }

    /// <summary>An instant the server stated on its clock, on this machine's: a skewed local clock must not make a
    /// deadline the server set (a channel's expiry) look passed or far off.</summary>
    public DateTimeOffset OnLocalClock(DateTimeOffset serverInstant) => serverInstant + (ClockAheadOfServer ?? TimeSpan.Zero);
}
