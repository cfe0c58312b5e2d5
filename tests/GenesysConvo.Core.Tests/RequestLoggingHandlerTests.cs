using System.Net;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>What the logging handler tells the observer of the call: bodies at Debug only when someone reads Debug.</summary>
public class RequestLoggingHandlerTests
{
    private readonly FakeHttp _api = new();

    private async Task SendAsync(IOperationObserver observer)
    {
        _api.Respond(HttpStatusCode.OK, "{\"conversations\":[{\"conversationId\":\"c1\"}]}");
        using var client = new HttpClient(new RequestLoggingHandler(new TestClock(), logBodies: true) { InnerHandler = _api });
        OperationContext.Use(observer);
        try
        {
            using var response = await client.PostAsync("https://api.example.test/api/v2/analytics/conversations/details/query",
                new StringContent("{\"interval\":\"x\"}")).Guarded();
        }
        finally
        {
            OperationContext.Use(null);
        }
    }

    [Fact]
    public async Task Bodies_go_to_Debug_when_someone_reads_it()
    {
        var observer = new AudienceObserver(showsDebug: true);
        await SendAsync(observer);
        Assert.Contains(observer.DebugMessages, m => m.Contains("request body: {\"interval\":\"x\"}"));
        Assert.Contains(observer.DebugMessages, m => m.Contains("response body: {\"conversations\""));
    }

    [Fact]
    public async Task Bodies_are_not_read_for_Debug_when_nobody_reads_it()
    {
        var observer = new AudienceObserver(showsDebug: false);
        await SendAsync(observer);
        Assert.Empty(observer.DebugMessages);
        Assert.Contains(observer.VerboseMessages, m => m.Contains("POST /api/v2/analytics/conversations/details/query -> 200"));
    }

    private sealed class AudienceObserver : IOperationObserver, IDebugAudience
    {
        private readonly RecordingObserver _recorded = new();

        public AudienceObserver(bool showsDebug) => ShowsDebug = showsDebug;

        public bool ShowsDebug { get; }
        public IReadOnlyList<string> DebugMessages => _recorded.DebugMessages;
        public IReadOnlyList<string> VerboseMessages => _recorded.VerboseMessages;
        public void Verbose(string message) => _recorded.Verbose(message);
        public void Debug(string message) => _recorded.Debug(message);
        public void Warning(string message) => _recorded.Warning(message);
    }
}
