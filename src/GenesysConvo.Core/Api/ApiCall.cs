using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>One typed round trip over the session's pipeline: the body written and the answer read with the API's
/// JSON contract, and an answer that does not read as that contract turned into an error that names the endpoint.</summary>
internal static class ApiCall
{
    public static async Task<TResponse> SendAsync<TRequest, TResponse>(GenesysConnection connection, HttpMethod method, string path,
        TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        return Read(await connection.SendAsync(method, path, content, cancellationToken).ConfigureAwait(false), responseType);
    }

    public static async Task<TResponse> GetAsync<TResponse>(GenesysConnection connection, string path, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        Read(await connection.SendAsync(HttpMethod.Get, path, (byte[]?)null, cancellationToken).ConfigureAwait(false), responseType);

    public static Task DeleteAsync(GenesysConnection connection, string path, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.Delete, path, (byte[]?)null, cancellationToken);

    /// <summary>The body as the endpoint's response type. Every endpoint read here defines a JSON object, so an empty
    /// body or JSON null is as wrong as an HTML page: reading it as "nothing" could end a result early without a word.</summary>
    private static TResponse Read<TResponse>(ApiResponse response, JsonTypeInfo<TResponse> responseType)
    {
        try
        {
            if (JsonSerializer.Deserialize(response.Content, responseType) is { } value) return value;
            throw ApiErrors.UnreadableBody(response.Method, response.Path, response.StatusCode, response.CorrelationId, null);
        }
        catch (JsonException e)
        {
            throw ApiErrors.UnreadableBody(response.Method, response.Path, response.StatusCode, response.CorrelationId, e);
        }
    }
}
