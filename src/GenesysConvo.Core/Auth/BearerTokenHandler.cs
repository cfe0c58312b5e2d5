using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>Puts the session's bearer token on each attempt; on a 401 renews the token once and sends once more
/// (tokens can be revoked or expire early on the server, and no SDK recovers client-credentials tokens by itself).
/// What a 401 that remains means is ApiErrors' to say; this handler tells it whether the token could be renewed.</summary>
internal sealed class BearerTokenHandler : DelegatingHandler
{
    private readonly ITokenSource _tokens;

    public BearerTokenHandler(ITokenSource tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        if (RequestTrace.Of(request) is { } trace) trace.TokenRenewable = _tokens.CanRenew;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !_tokens.CanRenew) return response;

        OperationContext.Observer.Verbose(
            "The API answered 401 Unauthorized: renewing the access token and sending the request once more.");
        response.Dispose();
        _tokens.Invalidate(token);
        var renewed = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var again = HttpRequestCopy.Of(request, body);
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.Value);
        return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }
}
