using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Http;

/// <summary>Outermost in the API pipeline: each request waits its turn under the session's rate limit before its first
/// attempt, and every answer tells the pacer how much of the window is left. Outside the retry pipeline, so the wait
/// counts against neither the attempt timeout nor the retry budget; a 429 that still comes is the retry policy's
/// (Retry-After).</summary>
internal sealed class RateLimitPacingHandler : DelegatingHandler
{
    private readonly RateLimitPacer _pacer;

    public RateLimitPacingHandler(RateLimitPacer pacer) => _pacer = pacer;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        _pacer.Observe(response);
        return response;
    }
}
