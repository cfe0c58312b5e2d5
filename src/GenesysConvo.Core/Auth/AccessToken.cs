using System;

namespace GenesysConvo.Core.Auth;

/// <summary>A bearer token. ToString never shows the value, so it cannot leak through logging or formatting.</summary>
public sealed class AccessToken
{
    public AccessToken(string value, DateTimeOffset? expiresAt)
    {
        Value = value;
        ExpiresAt = expiresAt;
    }

    internal string Value { get; }
    public DateTimeOffset? ExpiresAt { get; }
    public override string ToString() => "AccessToken(***)";
}

/// <summary>A client secret held for renewals. ToString never shows the value.</summary>
public sealed class ClientSecret
{
    public ClientSecret(string value)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException("The client secret is empty.", nameof(value));
        Value = value;
    }

    internal string Value { get; }
    public override string ToString() => "ClientSecret(***)";
}
