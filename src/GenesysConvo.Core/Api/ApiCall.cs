using System;
using System.Buffers;
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
    private const RequestTraits Reading = RequestTraits.Idempotent | RequestTraits.ExpectsJson;

    /// <summary>A POST that only reads (a query or a search): safe to send again after a 500.</summary>
    public static Task<TResponse> QueryAsync<TRequest, TResponse>(GenesysConnection connection, string path, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Post, path, body, requestType, responseType, Reading, cancellationToken);

    /// <summary>A POST that creates something: not sent again after a 500, which may have created it.</summary>
    public static Task<TResponse> CreateAsync<TRequest, TResponse>(GenesysConnection connection, string path, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Post, path, body, requestType, responseType, RequestTraits.ExpectsJson, cancellationToken);

    public static async Task<TResponse> GetAsync<TResponse>(GenesysConnection connection, string path, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken) =>
        Read(await connection.SendAsync(HttpMethod.Get, path, null, Reading, cancellationToken, ReaderOf(responseType))
            .ConfigureAwait(false), responseType);

    /// <summary>A PUT that replaces a whole list: the same body twice gives the same result, so it may be sent again.</summary>
    public static Task<TResponse> ReplaceAsync<TRequest, TResponse>(GenesysConnection connection, string path, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        SendAsync(connection, HttpMethod.Put, path, body, requestType, responseType, Reading, cancellationToken);

    public static Task DeleteAsync(GenesysConnection connection, string path, CancellationToken cancellationToken) =>
        connection.SendAsync(HttpMethod.Delete, path, null, RequestTraits.Idempotent, cancellationToken);

    private static async Task<TResponse> SendAsync<TRequest, TResponse>(GenesysConnection connection, HttpMethod method, string path,
        TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, RequestTraits traits,
        CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        return Read(await connection.SendAsync(method, path, content, traits, cancellationToken, ReaderOf(responseType))
            .ConfigureAwait(false), responseType);
    }

    /// <summary>Reads a body as one value of the type and nothing after it; a JsonException says it does not.</summary>
    private static Func<ReadOnlySequence<byte>, object?> ReaderOf<TResponse>(JsonTypeInfo<TResponse> responseType) => body =>
    {
        // A reader over the body's segments (off the Large Object Heap); the contract's reader options are the defaults.
        var reader = new Utf8JsonReader(body);
        var value = JsonSerializer.Deserialize(ref reader, responseType);
        // Deserialize(ref reader) stops after one value: anything but whitespace after it is as wrong as it was for
        // Deserialize(bytes) (a second value, or garbage, which Read() throws on).
        if (reader.Read()) throw new JsonException("The body goes on after its JSON value.");
        return value;
    };

    /// <summary>The body as the endpoint's response type. Every endpoint read here defines a JSON object, so an empty
    /// body or JSON null is as wrong as an HTML page: reading it as "nothing" could end a result early without a word.</summary>
    public static TResponse Read<TResponse>(ApiResponse response, JsonTypeInfo<TResponse> responseType)
    {
        if (response.Value is TResponse read) return read;
        try
        {
            var value = (TResponse?)ReaderOf(responseType)(response.Content);
            if (value is null) throw Unreadable(response, null);
            return value;
        }
        catch (JsonException e)
        {
            throw Unreadable(response, e);
        }
    }

    private static GenesysApiException Unreadable(ApiResponse response, JsonException? reason) =>
        ApiErrors.UnreadableBody(response.Method, response.Path, response.StatusCode, response.CorrelationId, response.Attempts,
            JsonBodies.Excerpt(response.Content), reason);
}
