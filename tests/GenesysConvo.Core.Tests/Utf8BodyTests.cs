using System.Buffers;
using System.Net;
using System.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>A JSON success read in segments that stay off the Large Object Heap, through the resilience handler as the
/// engine uses it, and read back into the contract's types by ApiCall.Read.</summary>
public class Utf8BodyTests
{
    private const int LargeObjectSize = 85_000;

    private readonly FakeHttp _api = new();

    private HttpClient Client(int retries = 3)
    {
        var options = new RetryOptions { MaxRetryCount = retries, BaseDelay = TimeSpan.Zero };
        return new(new ResilienceHandler(options, new TestClock()) { InnerHandler = _api }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static (HttpRequestMessage Request, RequestTrace Trace) Query()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v2/users/search");
        var trace = new RequestTrace { ExpectsJson = true, Idempotent = true };
        trace.AttachTo(request);
        return (request, trace);
    }

    /// <summary>~300 KB of users whose names are multi-byte UTF-8, padded so that a character straddles the end of
    /// the first segment.</summary>
    private static byte[] LargeListing()
    {
        for (var pad = 0; ; pad++)
        {
            var names = Enumerable.Range(0, 6000).Select(i => $"{{\"id\":\"u{i}\",\"name\":\"Zoë Müller € 😀 {i}\"}}");
            var bytes = Encoding.UTF8.GetBytes($"{{\"pad\":\"{new string(' ', pad)}\",\"entities\":[{string.Join(",", names)}]}}");
            if ((bytes[Utf8Body.SegmentSize] & 0xC0) == 0x80) return bytes; // a continuation byte: mid-character
        }
    }

    /// <summary>A body sent as a stream a network would give: a few bytes per read, no length unless told.</summary>
    private static HttpContent Streamed(byte[] body, bool withLength)
    {
        var content = new StreamContent(new TricklingStream(body));
        if (withLength) content.Headers.ContentLength = body.Length;
        return content;
    }

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Ok(byte[] body, bool withLength) =>
        (request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request, Content = Streamed(body, withLength),
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_body_is_read_in_small_segments_and_read_back_whole(bool withLength)
    {
        var body = LargeListing();
        Assert.True(body.Length > 250_000);
        _api.Then(Ok(body, withLength));
        var (request, trace) = Query();

        using var response = await Client().SendAsync(request).Guarded();

        var read = trace.Body!.Value;
        Assert.Equal(body, read.ToArray());
        var segments = new List<int>();
        foreach (var segment in read) segments.Add(segment.Length);
        Assert.True(segments.Count >= body.Length / Utf8Body.SegmentSize, $"{segments.Count} segments");
        Assert.All(segments, length => Assert.True(length < LargeObjectSize, $"a segment of {length} bytes"));
        // The content the stream gave once is still on the response for whoever reads it next.
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());

        var listing = ApiCall.Read(Answer(read), ApiJson.Default.EntityListingNamedEntity);
        Assert.Equal(6000, listing.Entities!.Count);
        Assert.Equal("Zoë Müller € 😀 5999", listing.Entities[5999].Name);
        Assert.Equal(Encoding.UTF8.GetString(body), Answer(read).Body);
    }

    [Fact]
    public async Task A_large_body_cut_short_is_retried_and_then_reported_with_its_start()
    {
        var body = LargeListing();
        var cut = body.Take(200_000).ToArray();
        _api.Then(Ok(cut, withLength: false)).Then(Ok(body, withLength: true));
        var (request, trace) = Query();

        using (await Client().SendAsync(request).Guarded())
        {
            Assert.Equal(2, trace.Attempts);
            Assert.False(trace.UnreadableBody);
            Assert.Equal(body.Length, trace.Body!.Value.Length);
        }

        _api.Then(Ok(cut, withLength: true));
        var (again, againTrace) = Query();
        using (await Client(retries: 0).SendAsync(again).Guarded())
        {
            Assert.True(againTrace.UnreadableBody);
            var answer = Answer(againTrace.Body!.Value);
            var error = Assert.Throws<GenesysApiException>(() => ApiCall.Read(answer, ApiJson.Default.EntityListingNamedEntity));
            Assert.Equal("GenesysConvo.UnreadableResponse", error.ErrorId);
            Assert.Contains("{\"pad\":\"", error.Message);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"entities\":[]} {\"entities\":[]}")]
    [InlineData("{\"entities\":[]} <html>")]
    public void A_body_that_is_not_one_object_is_unreadable(string body)
    {
        var error = Assert.Throws<GenesysApiException>(() =>
            ApiCall.Read(Answer(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(body))), ApiJson.Default.EntityListingNamedEntity));
        Assert.Equal("GenesysConvo.UnreadableResponse", error.ErrorId);
    }

    private static ApiResponse Answer(ReadOnlySequence<byte> body) => new("POST", "/api/v2/users/search", 200, body, "corr", 1);

    /// <summary>Gives at most 1,000 bytes per read, and cannot seek or be read twice, like a socket.</summary>
    private sealed class TricklingStream(byte[] body) : MemoryStream(body, writable: false)
    {
        public override bool CanSeek => false;
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1000));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1000), cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
