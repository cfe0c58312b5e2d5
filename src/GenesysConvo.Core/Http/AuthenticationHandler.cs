using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Http;

/// <summary>Puts the session's bearer token on each attempt; on a 401 renews the token once and sends once more
/// (tokens can be revoked or expire early on the server, and no SDK recovers client-credentials tokens by itself).</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly ITokenSource _tokens;

    public AuthenticationHandler(ITokenSource tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !_tokens.CanRenew) return response;

        OperationContext.Observer.Verbose("The API answered 401 Unauthorized: renewing the access token and sending the request once more.");
        response.Dispose();
        _tokens.Invalidate(token);
        var renewed = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var again = HttpRequestCopy.Of(request, body);
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed.Value);
        return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }
}
