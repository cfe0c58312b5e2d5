using System;
using System.Net.Http;

namespace GenesysConvo.Core.Http;

/// <summary>What the pipeline may assume of a request when it decides on a retry.</summary>
[Flags]
public enum RequestTraits
{
    None = 0,
    /// <summary>Sending it twice does no harm: GET, PUT, DELETE, and the POSTs that only read (queries, searches).</summary>
    Idempotent = 1,
    /// <summary>A success must carry a JSON body.</summary>
    ExpectsJson = 2,
}

public static class RequestTraitsOf
{
    /// <summary>What HTTP itself says of a method: GET, HEAD, PUT, DELETE and OPTIONS are idempotent, POST and PATCH are not.</summary>
    public static RequestTraits Method(HttpMethod method) =>
        method == HttpMethod.Post || string.Equals(method.Method, "PATCH", StringComparison.OrdinalIgnoreCase)
            ? RequestTraits.None
            : RequestTraits.Idempotent;
}
