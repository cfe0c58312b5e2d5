using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Xunit.Sdk;

namespace GenesysConvo.Core.Tests;

/// <summary>One request as the fake boundary saw it (copied at arrival: a message may be disposed later).</summary>
internal sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Accept, byte[]? Body, string? ContentType)
{
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);
}

/// <summary>The terminal handler of the engine's pipeline: answers from a script, in order, and records every request.</summary>
internal sealed class FakeHttp : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<SeenRequest> _seen = new();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _always;

    public IReadOnlyList<SeenRequest> Seen { get { lock (_seen) return _seen.ToArray(); } }
    public int Count { get { lock (_seen) return _seen.Count; } }

    public FakeHttp Respond(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null) =>
        Then((request, _) => Task.FromResult(Response(request, status, body, configure)));

    public FakeHttp Throw(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers until the attempt is cancelled (a hung connection).</summary>
    public FakeHttp Hang() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public FakeHttp Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public FakeHttp Always(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null)
    {
        _always = (request, _) => Task.FromResult(Response(request, status, body, configure));
        return this;
    }

    public static HttpResponseMessage Response(HttpRequestMessage request, HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body ?? "", Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(response);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var seen = new SeenRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Headers.Accept.ToString(), body, request.Content?.Headers.ContentType?.ToString());
        lock (_seen) _seen.Add(seen);
        if (_script.TryDequeue(out var step)) return await step(request, cancellationToken);
        if (_always != null) return await _always(request, cancellationToken);
        throw new InvalidOperationException($"Unscripted request #{Count}: {request.Method} {request.RequestUri}");
    }
}

/// <summary>FakeTimeProvider that also records the due time of every timer created through it, so a test can see
/// how long Polly decided to wait (retry delays are Task.Delay(…, TimeProvider) timers).</summary>
internal sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _fake = new(Start);
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    /// <summary>Due times of timers that are real waits (timeouts park infinite or long timers; those are left out).</summary>
    public IReadOnlyList<TimeSpan> Waits => _dueTimes.Where(d => d > TimeSpan.Zero && d < TimeSpan.FromMinutes(1.5)).ToArray();
    public IReadOnlyList<TimeSpan> AllDueTimes => _dueTimes.ToArray();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();
    public override long GetTimestamp() => _fake.GetTimestamp();
    public override long TimestampFrequency => _fake.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return _fake.CreateTimer(callback, state, dueTime, period);
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public Task WaitForTimerAsync(TimeSpan due) =>
        Eventually.TrueAsync(() => _dueTimes.Contains(due), $"a timer due in {due} (timers so far: {string.Join(", ", _dueTimes)})");

    /// <summary>Moves fake time forward in steps until the task completes (for tests that do not care about exact waits).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 600)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            Advance(step);
            await Task.Delay(1);
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

internal static class Eventually
{
    /// <summary>Fake time never moves by itself: a wait the test did not expect would hang, so bound it (a liveness guard).</summary>
    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(5));

    /// <summary>Polls a condition that another thread makes true (a liveness guard, not a speed assertion).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (condition()) return;
            await Task.Delay(2);
        }
        if (condition()) return;
        throw new XunitException("Timed out waiting for " + what);
    }
}

/// <summary>Captures what the engine tells the current operation's observer.</summary>
internal sealed class RecordingObserver : IOperationObserver
{
    private readonly ConcurrentQueue<string> _verbose = new(), _debug = new(), _warnings = new();
    public IReadOnlyList<string> VerboseMessages => _verbose.ToArray();
    public IReadOnlyList<string> DebugMessages => _debug.ToArray();
    public IReadOnlyList<string> Warnings => _warnings.ToArray();
    public IEnumerable<string> All => VerboseMessages.Concat(DebugMessages).Concat(Warnings);
    public void Verbose(string message) => _verbose.Enqueue(message);
    public void Debug(string message) => _debug.Enqueue(message);
    public void Warning(string message) => _warnings.Enqueue(message);
}

internal static class Responses
{
    public static Action<HttpResponseMessage> RetryAfter(int seconds) =>
        r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

    public static Action<HttpResponseMessage> RetryAfter(DateTimeOffset at) =>
        r => r.Headers.RetryAfter = new RetryConditionHeaderValue(at);

    public static Action<HttpResponseMessage> Header(string name, string value) =>
        r => r.Headers.TryAddWithoutValidation(name, value);

    public static string Token(string value, int? expiresIn = 86399) =>
        expiresIn is null
            ? $"{{\"access_token\":\"{value}\",\"token_type\":\"bearer\"}}"
            : $"{{\"access_token\":\"{value}\",\"token_type\":\"bearer\",\"expires_in\":{expiresIn}}}";
}

/// <summary>The JSON the engine sends for a details query.</summary>
internal static class Sent
{
    public static string Page(DetailsQuery query, TimeWindow window, int? pageSize = 100, int pageNumber = 1) =>
        System.Text.Json.JsonSerializer.Serialize(query.ForPage(window, pageSize, pageNumber), ApiJson.Default.ConversationQuery);
}

/// <summary>The repository this test run was built from, for the tests that read its source.</summary>
internal static class Repository
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static bool IsBuildOutput(string relativePath) =>
        relativePath.Split('/', '\\').Any(segment => segment is "bin" or "obj");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenesysConvo.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No GenesysConvo.sln above {AppContext.BaseDirectory}.");
    }
}
