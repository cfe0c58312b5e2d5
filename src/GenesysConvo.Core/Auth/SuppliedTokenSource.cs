using System;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;

namespace GenesysConvo.Core.Auth;

/// <summary>A token obtained elsewhere (-AccessToken, GENESYSCLOUD_ACCESS_TOKEN). It cannot be renewed:
/// warn once as its known expiry nears, and say how to reconnect once it is gone.</summary>
public sealed class SuppliedTokenSource : ITokenSource
{
    public static readonly TimeSpan WarningWindow = TimeSpan.FromMinutes(5);
    private readonly AccessToken _token;
    private readonly TimeProvider _time;
    private int _warned;

    public SuppliedTokenSource(AccessToken token, TimeProvider time)
    {
        _token = token;
        _time = time;
    }

    public GenesysAuthenticationKind Kind => GenesysAuthenticationKind.AccessToken;
    public bool CanRenew => false;
    public DateTimeOffset? ExpiresAt => _token.ExpiresAt;

    public Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        if (_token.ExpiresAt is { } expires)
        {
            var left = expires - _time.GetUtcNow();
            if (left <= TimeSpan.Zero) throw ApiErrors.AccessTokenExpired($"The access token expired at {expires:u}.");
            if (left < WarningWindow && Interlocked.Exchange(ref _warned, 1) == 0)
                OperationContext.Observer.Warning(
                    $"The access token expires in {Durations.Describe(left)} ({expires:u}) and cannot be renewed by the module. " +
                    "Get a new token and run Connect-GenesysCloud -AccessToken again, or connect with client credentials.");
        }
        return Task.FromResult(_token);
    }

    public void Invalidate(AccessToken rejected) { }
}
