using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GenesysConvo.Core.Http;

/// <summary>Request URIs: a path joined to a base that may carry a prefix, and a path with its query string built
/// the way the API reads it (repeated keys for several values, invariant formatting).</summary>
public static class RequestUris
{
    /// <summary>Appends a relative path to a base that may carry a path prefix (a gateway such as https://gw/genesys/).</summary>
    public static Uri Combine(Uri baseUri, string relative)
    {
        var b = baseUri.AbsoluteUri;
        if (!b.EndsWith("/", StringComparison.Ordinal)) b += "/";
        return new Uri(new Uri(b), relative.TrimStart('/'));
    }

    /// <summary>A relative API path with its query string. A full URL is accepted only on the session's own API
    /// host: sending the session's token to any other host would hand it to that host.</summary>
    public static string Build(string path, IDictionary? query, Uri apiBaseUri)
    {
        var relative = path.Trim();
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute)
            && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (!string.Equals(absolute.Authority, apiBaseUri.Authority, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException(
                    $"'{absolute.GetLeftPart(UriPartial.Authority)}' is not this session's API host " +
                    $"({apiBaseUri.GetLeftPart(UriPartial.Authority)}); the session's token is only sent there. " +
                    "Pass a path such as /api/v2/users.");
            relative = absolute.PathAndQuery;
        }
        if (!relative.StartsWith("/", StringComparison.Ordinal)) relative = "/" + relative;
        if (query is null || query.Count == 0) return relative;

        var pairs = new List<(string, string)>();
        foreach (DictionaryEntry entry in query)
        {
            var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            foreach (var value in Values(entry.Value)) pairs.Add((key, value));
        }
        return WithQuery(relative, pairs);
    }

    /// <summary>The path with the pairs appended as a query string (after any query it already has); values are escaped.</summary>
    public static string WithQuery(string path, IEnumerable<(string Key, string Value)> pairs)
    {
        var builder = new StringBuilder(path);
        var separator = path.Contains("?") ? '&' : '?';
        foreach (var (key, value) in pairs)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }
        return builder.ToString();
    }

    private static IEnumerable<string> Values(object? value)
    {
        if (value is string s)
        {
            yield return s;
            yield break;
        }
        if (value is IEnumerable many)
        {
            foreach (var item in many) yield return Text(item);
            yield break;
        }
        yield return Text(value);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
