using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>The login service's token answer {access_token, token_type, expires_in} (docs/genesys-api.md §1.2, §11), read
/// defensively: a host that answers 200 with something else gets an error naming the host, not a parser exception.</summary>
internal static class TokenAnswer
{
    public static AccessToken Read(HttpResponseMessage response, string body, Uri tokenUri, DateTimeOffset issuedAt)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var value = root.GetProperty("access_token").GetString();
            if (string.IsNullOrEmpty(value)) throw new FormatException("empty access_token");
            TimeSpan? lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : null;
            return new AccessToken(value!, issuedAt + lifetime);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new GenesysApiException(GenesysErrorKind.InvalidResponse,
                $"The login service at {tokenUri.GetLeftPart(UriPartial.Authority)} answered without a usable access token. "
                + "Check -LoginBaseUri / -Region.")
            {
                StatusCode = (int)response.StatusCode, Method = "POST", Path = tokenUri.AbsolutePath,
                CorrelationId = ApiErrors.CorrelationId(response),
            };
        }
    }
}
