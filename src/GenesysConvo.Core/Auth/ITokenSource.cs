using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Auth;

/// <summary>Gives the token for the next API call.</summary>
public interface ITokenSource
{
    GenesysAuthenticationKind Kind { get; }
    /// <summary>True when a rejected or expiring token can be replaced without the user.</summary>
    bool CanRenew { get; }
    DateTimeOffset? ExpiresAt { get; }
    Task<AccessToken> GetAsync(CancellationToken cancellationToken);
    /// <summary>The API rejected this token (401): the next GetAsync must not return it again.</summary>
    void Invalidate(AccessToken rejected);
}
