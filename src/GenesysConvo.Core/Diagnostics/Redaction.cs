using System.Text.RegularExpressions;

namespace GenesysConvo.Core.Diagnostics;

/// <summary>Removes token values from text that may reach a user-visible stream (debug bodies).</summary>
public static class Redaction
{
    private static readonly Regex s_tokenFields = new Regex(
        "(\"(?:access_token|refresh_token|id_token|client_secret|password|token)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public const string Mask = "***";

    public static string RedactJson(string text) => s_tokenFields.Replace(text, "$1" + Mask + "$2");
}
