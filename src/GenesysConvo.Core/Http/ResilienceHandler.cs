using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GenesysConvo.Core.Http;

/// <summary>Retries what is worth retrying through a Polly pipeline: 429 after what Retry-After says; 502/503/504,
/// 500 for idempotent requests (as the official SDKs do), network failures, per-attempt timeouts, and a success whose
/// body is cut or not JSON where JSON was expected, with exponential backoff and jitter. Bounded by a retry count, the
/// longest single wait and the total duration; every wait is cancellable.</summary>
internal sealed class ResilienceHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<RequestTrace> s_traceKey = new ResiliencePropertyKey<RequestTrace>("GenesysConvo.Trace");
    private static readonly ResiliencePropertyKey<long> s_startKey = new ResiliencePropertyKey<long>("GenesysConvo.Start");

    private readonly RetryOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public ResilienceHandler(RetryOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(options.MaxDuration)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetryCount),
                ShouldHandle = args => new ValueTask<bool>(options.MaxRetryCount > 0 && ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(DelayFor(args.Outcome, args.AttemptNumber, jitter: true)),
                OnRetry = args => { OnRetry(args); return default; },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // An HttpRequestMessage can be sent once: buffer the body and send a copy per attempt.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var trace = RequestTrace.Of(request) ?? new RequestTrace();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_traceKey, trace);
        context.Properties.Set(s_startKey, _time.GetTimestamp());
        try
        {
            return await _pipeline.ExecuteAsync(async ctx =>
            {
                trace.Attempts++;
                var attempt = HttpRequestCopy.Of(request, body);
                var response = await base.SendAsync(attempt, ctx.CancellationToken).ConfigureAwait(false);
                // Read the body inside the attempt, so a connection cut mid-body is retried like any network failure.
                await ReadBody(response, trace, ctx.CancellationToken).ConfigureAwait(false);
                trace.UnreadableBody = trace.Body is { } json && !Reads(json, trace);
                return response;
            }, context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>A JSON success in small arrays (a page of details is ~380 KB: one array would be a large object), left
    /// on the trace for the caller and on the response for whoever reads it next; any other body buffered as it is.</summary>
    private static async Task ReadBody(HttpResponseMessage response, RequestTrace trace, CancellationToken cancellationToken)
    {
        trace.Body = null;
        if (!trace.ExpectsJson || !response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            return;
        }
        var body = await Utf8Body.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var original = response.Content;
        response.Content = new Utf8BodyContent(body, original);
        original.Dispose();
        trace.Body = body;
    }

    /// <summary>Whether the body reads: into the caller's type when it gave a reader (one pass over the page; a body that
    /// is JSON but not of that type is no fault of the wire, so only malformed JSON counts as unreadable), else as JSON.</summary>
    private static bool Reads(ReadOnlySequence<byte> json, RequestTrace trace)
    {
        trace.Read = null;
        if (trace.Reader is null) return JsonBodies.IsWellFormed(json);
        try
        {
            trace.Read = trace.Reader(json);
            return true;
        }
        catch (JsonException)
        {
            return JsonBodies.IsWellFormed(json);
        }
    }

    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status == (HttpStatusCode)429 || status == HttpStatusCode.BadGateway
        || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

    /// <summary>Worth another attempt: a transient status, a 500 of a request that may be sent twice (501 never: the
    /// server says it cannot do this), or a success whose body could not be read as the JSON it should be.</summary>
    private static bool IsTransient(HttpResponseMessage response, RequestTrace trace) =>
        IsTransientStatus(response.StatusCode)
        || (response.StatusCode == HttpStatusCode.InternalServerError && trace.Idempotent)
        || trace.UnreadableBody;

    internal static bool IsTransientException(Exception? exception) =>
        exception is HttpRequestException || exception is IOException || exception is TimeoutRejectedException;

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested) return false;
        var trace = context.Properties.GetValue(s_traceKey, new RequestTrace());
        var transient = outcome.Result is { } response ? IsTransient(response, trace) : IsTransientException(outcome.Exception);
        if (!transient) return false;
        if (trace.EndsRetries(outcome.Exception))
        {
            trace.GaveUpBecause = "the host refused the connection";
            return false;
        }

        var delay = DelayFor(outcome, trace.Attempts - 1, jitter: false);
        if (delay > _options.MaxDelay)
        {
            trace.GaveUpBecause = $"the API asked to wait {Durations.Describe(delay)}, " +
                                  $"longer than the longest wait allowed ({Durations.Describe(_options.MaxDelay)})";
            return false;
        }
        var elapsed = _time.GetElapsedTime(context.Properties.GetValue(s_startKey, _time.GetTimestamp()));
        if (elapsed + delay > _options.MaxDuration)
        {
            trace.GaveUpBecause = $"waiting {Durations.Describe(delay)} more would pass the time allowed for one request " +
                                  $"({Durations.Describe(_options.MaxDuration)})";
            return false;
        }
        return true;
    }

    /// <summary>Retry-After when the API gives one (429, and 503 during maintenance); otherwise exponential
    /// backoff with full jitter so parallel runspaces do not retry in lockstep.</summary>
    private TimeSpan DelayFor(Outcome<HttpResponseMessage> outcome, int attemptNumber, bool jitter)
    {
        if (outcome.Result is { } response)
        {
            var retryAfter = RetryAfter.Read(response, _time.GetUtcNow());
            if (retryAfter.HasValue) return retryAfter.Value;
            if (response.StatusCode == (HttpStatusCode)429) return _options.DefaultRetryAfter;
        }
        var backoff = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attemptNumber));
        var ceiling = Math.Min(_options.MaxDelay.TotalMilliseconds, backoff);
        // The budget check uses the ceiling, so the jittered wait never breaks the budget it was checked against.
        return TimeSpan.FromMilliseconds(jitter ? ceiling / 2 + ThreadSafeRandom.NextDouble() * ceiling / 2 : ceiling);
    }

    private static void OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        var trace = args.Context.Properties.GetValue(s_traceKey, new RequestTrace());
        trace.Waited += args.RetryDelay;
        var why = args.Outcome.Result is { } r
            ? $"{(int)r.StatusCode} {r.ReasonPhrase}{(trace.UnreadableBody ? " with a body that is not JSON" : "")}"
            : DescribeFailure(args.Outcome.Exception);
        OperationContext.Observer.Verbose($"Retry {args.AttemptNumber + 1} after {why}: waiting {Durations.Describe(args.RetryDelay)}.");
    }

    private static string DescribeFailure(Exception? exception) => exception switch
    {
        null => "an unknown failure",
        TimeoutRejectedException _ => "no answer in time",
        _ => exception.GetType().Name + ": " + exception.Message,
    };
}

internal static class ThreadSafeRandom
{
    [ThreadStatic] private static Random? t_random;
    public static double NextDouble() => (t_random ??= new Random(Guid.NewGuid().GetHashCode())).NextDouble();
}
