using System;

namespace GenesysConvo.Core.Http;

internal static class UriPaths
{
    /// <summary>Appends a relative path to a base that may carry a path prefix (a gateway such as https://gw/genesys/).</summary>
    public static Uri Combine(Uri baseUri, string relative)
    {
        var b = baseUri.AbsoluteUri;
        if (!b.EndsWith("/", StringComparison.Ordinal)) b += "/";
        return new Uri(new Uri(b), relative.TrimStart('/'));
    }
}
