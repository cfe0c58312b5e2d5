using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>An authorization code handed out by GET /oauth/authorize, waiting for its PKCE exchange.</summary>
public sealed record AuthorizationCode(string ClientId, string RedirectUri, string CodeChallenge, string UserId, DateTimeOffset ExpiresAt);

/// <summary>
/// The browser side of the login service: who is signed in at the browser (the emulator approves every authorization
/// at once, as the real service does while its login session lives), an error every authorization answers instead
/// (test-only: PUT /__emulator/login), and the codes waiting to be exchanged (single use, short-lived).
/// </summary>
public sealed class BrowserLogin
{
    /// <summary>How long a code may wait for its exchange (emulator clock; the real value is not documented).</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private string? _userId;
    private string? _error;

    /// <summary>The user signed in at the browser; null = the org's first active user.</summary>
    public string? UserId { get { lock (_gate) return _userId; } }
    /// <summary>An OAuth error code every authorization redirects with (access_denied, server_error, …); null = approve.</summary>
    public string? Error { get { lock (_gate) return _error; } }

    public void Set(string? userId, string? error)
    {
        lock (_gate)
        {
            _userId = userId;
            _error = error;
        }
    }

    public string Issue(AuthorizationCode code)
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        _codes[value] = code;
        return value;
    }

    /// <summary>The code's grant, removed: a code is good for one exchange, right or wrong.</summary>
    public AuthorizationCode? Take(string code) => _codes.TryRemove(code, out var grant) ? grant : null;

    public void Reset()
    {
        Set(null, null);
        _codes.Clear();
    }
}
