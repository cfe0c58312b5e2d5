using System;

namespace GenesysConvo;

/// <summary>What a session is connected to, as Get-GenesysCloudContext shows it. Never holds a secret or token.</summary>
public sealed class GenesysCloudContext
{
    public string Region { get; set; } = "";
    public string Environment { get; set; } = "";
    public Uri ApiBaseUri { get; set; } = null!;
    public Uri LoginBaseUri { get; set; } = null!;
    public GenesysAuthenticationKind AuthenticationKind { get; set; }
    public string? ClientId { get; set; }
    public string? OrganizationId { get; set; }
    public string? OrganizationName { get; set; }
    /// <summary>The user the session acts as (a user's own sign-in, -Interactive); null for an OAuth client.</summary>
    public string? UserName { get; set; }
    public string? UserId { get; set; }
    /// <summary>When the current token expires; null for a supplied token whose expiry was not given.</summary>
    public DateTimeOffset? TokenExpiresAt { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }
    /// <summary>True when this is the session data cmdlets use without -Session.</summary>
    public bool IsCurrent { get; set; }
}

public enum GenesysAuthenticationKind
{
    /// <summary>OAuth client credentials: the module renews the token itself.</summary>
    ClientCredentials,
    /// <summary>A token obtained elsewhere: it cannot be renewed.</summary>
    AccessToken,
    /// <summary>A user's own sign-in in the browser (authorization code + PKCE): renewed by signing in again.</summary>
    Interactive,
}
