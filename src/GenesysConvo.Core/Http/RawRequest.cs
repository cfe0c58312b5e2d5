using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace GenesysConvo.Core.Http;

/// <summary>What Invoke-GenesysCloudRequest, the module's one raw door to the API, may send.</summary>
public static class RawRequest
{
    /// <summary>The methods -Method takes, in any case.</summary>
    public static readonly IReadOnlyList<string> Methods = new[] { "GET", "POST", "PUT", "PATCH", "DELETE" };

    /// <summary>-Method read as an HTTP method; throws an ArgumentException listing the methods for any other.</summary>
    public static HttpMethod Method(string name)
    {
        var known = Methods.FirstOrDefault(m => string.Equals(m, (name ?? "").Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException($"-Method '{name}' is not one of: {string.Join(", ", Methods)}.");
        return new HttpMethod(known);
    }
}
