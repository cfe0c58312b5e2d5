using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Http;

/// <summary>A response body read from its stream into a chain of arrays each small enough to stay off the Large
/// Object Heap (85,000 bytes and up). A page of conversation details is ~380 KB: read as one array, every page was a
/// large-object allocation, and those set off a gen-2 collection every other page.</summary>
internal static class Utf8Body
{
    /// <summary>Well below the 85,000 bytes of the Large Object Heap.</summary>
    internal const int SegmentSize = 32 * 1024;

    /// <summary>Reads the content's stream to its end. Content-Length, when given, only sizes the segments (the last
    /// one to what is left, and one byte more to see the end without another array); the stream decides the end.</summary>
    public static async Task<ReadOnlySequence<byte>> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var left = content.Headers.ContentLength ?? long.MaxValue;
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        Segment? first = null, last = null;
        while (true)
        {
            var buffer = new byte[left < SegmentSize ? (int)left + 1 : SegmentSize];
            var filled = 0;
            int read;
            while (filled < buffer.Length
                   && (read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
                filled += read;
            if (filled > 0) last = last is null ? first = new Segment(buffer, filled, 0) : last.Append(buffer, filled);
            if (filled < buffer.Length) break;
            left = Math.Max(0, left - filled);
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] buffer, int length, long runningIndex)
        {
            Memory = new ReadOnlyMemory<byte>(buffer, 0, length);
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] buffer, int length)
        {
            var next = new Segment(buffer, length, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

/// <summary>A body already read, handed on as the response's content: the stream it came from can be read once, and
/// whoever reads the response after the resilience handler must still find it there.</summary>
internal sealed class Utf8BodyContent : HttpContent
{
    private readonly ReadOnlySequence<byte> _body;

    public Utf8BodyContent(ReadOnlySequence<byte> body, HttpContent original)
    {
        _body = body;
        foreach (var header in original.Headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
        Headers.ContentLength = body.Length;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        foreach (var segment in _body)
        {
            var array = MemoryMarshal.TryGetArray(segment, out var whole) ? whole : new ArraySegment<byte>(segment.ToArray());
            await stream.WriteAsync(array.Array!, array.Offset, array.Count).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
