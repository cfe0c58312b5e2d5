using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace GenesysConvo.Core.Http;

/// <summary>What Invoke-GenesysCloudRequest, the module's one raw door to the API, may send: one of the API's methods,
/// to a path under /api/v2/ — the session's token goes with every request, so it must never reach another path of the
/// host, however the path was written.</summary>
public static class RawRequest
{
    /// <summary>The methods -Method takes, in any case.</summary>
    public static readonly IReadOnlyList<string> Methods = new[] { "GET", "POST", "PUT", "PATCH", "DELETE" };

    /// <summary>Where every path of the Platform API starts.</summary>
    public const string ApiPrefix = "/api/v2/";

    private static readonly Regex s_encodedDot = new Regex("%2e", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>-Method read as an HTTP method; throws an ArgumentException listing the methods for any other.</summary>
    public static HttpMethod Method(string name)
    {
        var known = Methods.FirstOrDefault(m => string.Equals(m, (name ?? "").Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"-Method '{name}' is not one of: {string.Join(", ", Methods)}.");
        return new HttpMethod(known);
    }

    /// <summary>A path (and its query) as a server reads it: "." and ".." segments resolved, also when percent-encoded
    /// (%2e, which servers decode), backslashes read as slashes (as .NET's Uri reads them), repeated slashes collapsed;
    /// the query string stays as it is. Throws an ArgumentException when the path does not end up under /api/v2/.</summary>
    public static string NormalizePath(string pathAndQuery)
    {
        var queryStart = pathAndQuery.IndexOfAny(new[] { '?', '#' });
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery.Substring(0, queryStart);
        var query = queryStart < 0 ? "" : pathAndQuery.Substring(queryStart);
        var parts = path.Replace('\\', '/').Split('/');
        var segments = new List<string>();
        var endsWithSlash = false;
        for (var i = 0; i < parts.Length; i++)
        {
            var dots = s_encodedDot.Replace(parts[i], ".");
            // A trailing empty, "." or ".." segment leaves the path ending in a slash, as RFC 3986 resolves it.
            endsWithSlash = i > 0 && i == parts.Length - 1 && (dots.Length == 0 || dots == "." || dots == "..");
            if (dots == ".." && segments.Count > 0) segments.RemoveAt(segments.Count - 1);
            if (dots.Length == 0 || dots == "." || dots == "..") continue;
            segments.Add(parts[i]);
        }
        var normalized = "/" + string.Join("/", segments) + (endsWithSlash && segments.Count > 0 ? "/" : "");
        if (!normalized.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            var resolved = normalized == path ? "is" : $"resolves to '{normalized}',";
            throw new ArgumentException($"'{pathAndQuery}' {resolved} outside the API: the session's token is only sent to paths "
                                        + $"under {ApiPrefix}, such as {ApiPrefix}users.");
        }
        return normalized + query;
    }
}
