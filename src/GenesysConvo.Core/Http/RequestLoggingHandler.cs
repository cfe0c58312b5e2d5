using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Http;

/// <summary>Tells the current operation's observer about every HTTP exchange: method, path, status, elapsed
/// time and correlation id at Verbose; bodies (token fields masked) at Debug. Headers are never written,
/// so the Authorization header cannot leak.</summary>
internal sealed class RequestLoggingHandler : DelegatingHandler
{
    private const int MaxBodyChars = 4000;
    private readonly TimeProvider _time;
    private readonly bool _logBodies;

    public RequestLoggingHandler(TimeProvider time, bool logBodies)
    {
        _time = time;
        _logBodies = logBodies;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var observer = OperationContext.Observer;
        var target = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        var logBodies = _logBodies && OperationContext.ShowsDebug;
        if (logBodies && request.Content != null)
        {
            var requestBody = await request.Content.ReadAsStringAsync().ConfigureAwait(false);
            observer.Debug($"{target} request body: {Shorten(Redaction.RedactJson(requestBody))}");
        }

        var started = _time.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
        {
            observer.Verbose($"{target} failed after {Elapsed(started)} ms: {e.GetType().Name}: {e.Message}");
            throw;
        }

        var correlation = ApiErrors.CorrelationId(response);
        var remaining = Header(response, "inin-ratelimit-allowed") is { } allowed && Header(response, "inin-ratelimit-count") is { } count
            ? $", rate limit {count}/{allowed}" : "";
        observer.Verbose($"{target} -> {(int)response.StatusCode} {response.ReasonPhrase} in {Elapsed(started)} ms" +
                         $"{(correlation is null ? "" : " [ININ-Correlation-Id " + correlation + "]")}{remaining}");
        if (logBodies)
        {
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (body.Length > 0) observer.Debug($"{target} response body: {Shorten(Redaction.RedactJson(body))}");
        }
        return response;
    }

    private long Elapsed(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Shorten(string text) =>
        text.Length <= MaxBodyChars ? text : text.Substring(0, MaxBodyChars) + $"… ({text.Length} characters)";
}
