using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace GenesysConvo.Emulator.Infrastructure;

public enum TokenKind { ClientCredentials, User }

/// <summary>An issued access token. <see cref="TokenId"/> is what logs show; the token itself is never logged.</summary>
public sealed record IssuedToken(string TokenId, TokenKind Kind, string? UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

public enum TokenCheck { Valid, Unknown, Expired }

/// <summary>Issues opaque random bearer tokens and validates them against the emulator clock.</summary>
public sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly EmulatorClock _clock;
    private long _issued;
    // Every token handed out since the last reset, revoked ones included: lets tests prove no token value leaks.
    private readonly ConcurrentQueue<(string Token, IssuedToken Info)> _history = new();

    public TokenStore(EmulatorClock clock) => _clock = clock;

    public long TokensIssued => Interlocked.Read(ref _issued);
    public int TokensActive => _tokens.Values.Count(t => t.ExpiresAt > _clock.Now);

    public (string Token, IssuedToken Info) Issue(TokenKind kind, string? userId, int lifetimeSeconds)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = _clock.Now;
        var info = new IssuedToken(ShortId(token), kind, userId, now, now.AddSeconds(lifetimeSeconds));
        _tokens[token] = info;
        _history.Enqueue((token, info));
        Interlocked.Increment(ref _issued);
        return (token, info);
    }

    public TokenCheck Check(string token, out IssuedToken? info)
    {
        if (!_tokens.TryGetValue(token, out info)) return TokenCheck.Unknown;
        return _clock.Now >= info.ExpiresAt ? TokenCheck.Expired : TokenCheck.Valid;
    }

    /// <summary>Whether the token with this short id is still known and not expired (a notification channel dies with it).</summary>
    public bool IsActive(string tokenId) => _tokens.Values.Any(t => t.TokenId == tokenId && _clock.Now < t.ExpiresAt);

    /// <summary>Every issued token becomes invalid (next use answers 401 bad.credentials).</summary>
    public int RevokeAll()
    {
        var n = _tokens.Count;
        _tokens.Clear();
        return n;
    }

    public (string Token, IssuedToken Info)[] History() => _history.ToArray();

    public void ForgetHistory() => _history.Clear();

    /// <summary>A short stable id for a token (first 8 hex chars of its SHA-256), safe to put in logs.</summary>
    public static string ShortId(string token)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..8];
}
