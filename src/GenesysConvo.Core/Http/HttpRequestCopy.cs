using System.Net.Http;

namespace GenesysConvo.Core.Http;

internal static class HttpRequestCopy
{
    /// <summary>A fresh message with the same method, URI, headers, body and trace: a message can be sent only once.</summary>
    public static HttpRequestMessage Of(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (body != null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        RequestTrace.Of(request)?.AttachTo(copy);
        return copy;
    }
}
