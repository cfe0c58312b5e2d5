using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>What the token itself says: which org it belongs to.</summary>
public sealed class TokensApi
{
    public const string TokensMePath = "/api/v2/tokens/me";

    private readonly GenesysConnection _connection;

    public TokensApi(GenesysConnection connection) => _connection = connection;

    public Task<TokenInfo> GetTokensMeAsync(CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, TokensMePath, ApiJson.Default.TokenInfo, cancellationToken);
}
