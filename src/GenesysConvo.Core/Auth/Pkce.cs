using System;
using System.Security.Cryptography;
using System.Text;

namespace GenesysConvo.Core.Auth;

/// <summary>Proof Key for Code Exchange (RFC 7636), as the official SDKs make it (docs/genesys-api.md §11): a verifier of
/// 43–128 characters from [A-Za-z0-9-._~], and its S256 challenge base64url(SHA-256(verifier)) without padding.</summary>
public static class Pkce
{
    /// <summary>A fresh verifier: 64 random bytes in base64url (86 characters).</summary>
    public static string NewVerifier() => Base64Url(RandomBytes(64));

    public static string Challenge(string verifier)
    {
        using var sha = SHA256.Create();
        return Base64Url(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>An unguessable state: the answer that comes back must carry it, or it is not the answer to this sign-in.</summary>
    public static string NewState() => Base64Url(RandomBytes(24));

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(bytes);
        return bytes;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
