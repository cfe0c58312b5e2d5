using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace GenesysConvo.Core.Http;

public static class RequestPaths
{
    /// <summary>A relative API path with its query string. A full URL is accepted only on the session's own API
    /// host: sending the session's token to any other host would hand it to that host.</summary>
    public static string Build(string path, IDictionary? query, Uri apiBaseUri)
    {
        var relative = path.Trim();
        if (Uri.TryCreate(relative, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (!string.Equals(absolute.Authority, apiBaseUri.Authority, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{absolute.GetLeftPart(UriPartial.Authority)}' is not this session's API host ({apiBaseUri.GetLeftPart(UriPartial.Authority)}); " +
                                            "the session's token is only sent there. Pass a path such as /api/v2/users.");
            relative = absolute.PathAndQuery;
        }
        if (!relative.StartsWith("/", StringComparison.Ordinal)) relative = "/" + relative;
        if (query is null || query.Count == 0) return relative;

        var builder = new StringBuilder(relative);
        var separator = relative.Contains("?") ? '&' : '?';
        foreach (DictionaryEntry entry in query)
        {
            foreach (var value in Values(entry.Value))
            {
                builder.Append(separator).Append(Uri.EscapeDataString(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
                       .Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }
        return builder.ToString();
    }

    private static IEnumerable<string> Values(object? value)
    {
        if (value is string s) { yield return s; yield break; }
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
        DateTime d => d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
