using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Diagnostics;
using GenesysConvo.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenesysConvo.Core.Session;

/// <summary>One authenticated connection to one org: its token source and the HTTP pipeline every API call of
/// the session goes through (IHttpClientFactory: resilience → authentication → logging → sockets).
/// Thread-safe: runspaces and ForEach-Object -Parallel may share it.</summary>
public sealed class GenesysConnection : IDisposable
{
    private const string ApiClientName = "GenesysConvo.Api";
    private const string LoginClientName = "GenesysConvo.Login";
    private static readonly string s_userAgent = "GenesysConvo/" + typeof(GenesysConnection).Assembly.GetName().Version?.ToString(3);

    private readonly ServiceProvider _services;
    private readonly IHttpClientFactory _clients;

    private GenesysConnection(ConnectionOptions options, ServiceProvider services, ITokenSource tokens)
    {
        Options = options;
        _services = services;
        _clients = services.GetRequiredService<IHttpClientFactory>();
        Tokens = tokens;
        ConnectedAt = options.Time.GetUtcNow();
    }

    public ConnectionOptions Options { get; }
    public ITokenSource Tokens { get; }
    public DateTimeOffset ConnectedAt { get; }
    public string? OrganizationId { get; private set; }
    public string? OrganizationName { get; private set; }

    /// <summary>Id ↔ name lookups of users, queues and wrap-up codes, cached for the life of the session.</summary>
    public Directory.NameResolver Names => _names ??= new Directory.NameResolver(this);

    private Directory.NameResolver? _names;

    /// <summary>Validates the options, gets the first token (or checks a supplied one) and reads which org it belongs to.</summary>
    public static async Task<GenesysConnection> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var services = BuildServices(options, out var tokenSourceHolder);
        var loginClient = services.GetRequiredService<IHttpClientFactory>().CreateClient(LoginClientName);
        ITokenSource tokens = options.AccessToken is { } supplied
            ? new SuppliedTokenSource(supplied, options.Time)
            : new ClientCredentialsTokenSource(loginClient, options.EffectiveLoginBaseUri, options.ClientId!.Trim(), options.ClientSecret!, options.Time);
        tokenSourceHolder.Value = tokens;
        var connection = new GenesysConnection(options, services, tokens);
        try
        {
            await connection.ReadTokenInfoAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public GenesysCloudContext Describe(bool isCurrent) => new GenesysCloudContext
    {
        Region = Options.ApiBaseUri is null ? Options.Region.Name : "(custom)",
        Environment = Options.ApiBaseUri is null ? Options.Region.Domain : Options.EffectiveApiBaseUri.Authority,
        ApiBaseUri = Options.EffectiveApiBaseUri,
        LoginBaseUri = Options.EffectiveLoginBaseUri,
        AuthenticationKind = Tokens.Kind,
        ClientId = Options.ClientId,
        OrganizationId = OrganizationId,
        OrganizationName = OrganizationName,
        TokenExpiresAt = Tokens.ExpiresAt,
        ConnectedAt = ConnectedAt,
        IsCurrent = isCurrent,
    };

    /// <summary>Sends one API request through the session's pipeline. pathAndQuery is relative to the API base
    /// (/api/v2/...). A non-success answer becomes a GenesysApiException; cancellation stays an OperationCanceledException.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody, CancellationToken cancellationToken)
    {
        var uri = UriPaths.Combine(Options.EffectiveApiBaseUri, pathAndQuery);
        var path = uri.AbsolutePath;
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody != null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        var trace = new RequestTrace();
        trace.AttachTo(request);

        HttpResponseMessage response;
        try
        {
            response = await _clients.CreateClient(ApiClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.FromException(e, method.Method, path, trace);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = ApiErrors.FromResponse(response, body, method.Method, path, trace);
                if (response.StatusCode == HttpStatusCode.Unauthorized && !Tokens.CanRenew)
                    throw SuppliedTokenSource.Expired("The API no longer accepts the access token (401: expired or revoked).");
                throw error;
            }
            return new ApiResponse((int)response.StatusCode, body, ApiErrors.CorrelationId(response), trace.Attempts);
        }
    }

    public async Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(response.Body);
    }

    private async Task ReadTokenInfoAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var info = await GetJsonAsync("/api/v2/tokens/me", cancellationToken).ConfigureAwait(false);
            if (info.RootElement.ValueKind == JsonValueKind.Object
                && info.RootElement.TryGetProperty("organization", out var org) && org.ValueKind == JsonValueKind.Object)
            {
                OrganizationId = org.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                OrganizationName = org.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            }
        }
        catch (GenesysApiException e) when (e.Kind != GenesysErrorKind.Authentication && e.Kind != GenesysErrorKind.Connection)
        {
            // The org name is a nicety; a proxy or gateway that lacks /tokens/me must not block the session.
            OperationContext.Observer.Warning("Connected, but could not read the organization from /api/v2/tokens/me: " + e.Message);
        }
    }

    private static ServiceProvider BuildServices(ConnectionOptions options, out TokenSourceHolder holder)
    {
        var tokens = holder = new TokenSourceHolder();
        var services = new ServiceCollection();
        var primary = options.PrimaryHandler ?? CreatePrimaryHandler;
        services.AddHttpClient(LoginClientName, c => Configure(c))
            .ConfigurePrimaryHttpMessageHandler(primary)
            .AddHttpMessageHandler(() => new ResilienceHandler(options.Retry, options.Time))
            .AddHttpMessageHandler(() => new RequestLoggingHandler(options.Time, logBodies: false)); // the response holds a token
        services.AddHttpClient(ApiClientName, c => Configure(c))
            .ConfigurePrimaryHttpMessageHandler(primary)
            .AddHttpMessageHandler(() => new ResilienceHandler(options.Retry, options.Time))
            .AddHttpMessageHandler(() => new AuthenticationHandler(tokens))
            .AddHttpMessageHandler(() => new RequestLoggingHandler(options.Time, logBodies: true));
        return services.BuildServiceProvider();
    }

    private static void Configure(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;   // the resilience pipeline owns every timeout
        client.DefaultRequestHeaders.UserAgent.ParseAdd(s_userAgent);
    }

    private static HttpMessageHandler CreatePrimaryHandler() => new HttpClientHandler
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        AllowAutoRedirect = false,
    };

    public void Dispose() => _services.Dispose();

    /// <summary>Lets handlers built by the factory reach the token source created after the provider.</summary>
    private sealed class TokenSourceHolder : ITokenSource
    {
        public ITokenSource Value { get; set; } = null!;
        public GenesysAuthenticationKind Kind => Value.Kind;
        public bool CanRenew => Value.CanRenew;
        public DateTimeOffset? ExpiresAt => Value.ExpiresAt;
        public Task<AccessToken> GetAsync(CancellationToken cancellationToken) => Value.GetAsync(cancellationToken);
        public void Invalidate(AccessToken rejected) => Value.Invalidate(rejected);
    }
}

public sealed class ApiResponse
{
    public ApiResponse(int statusCode, string body, string? correlationId, int attempts)
    {
        StatusCode = statusCode;
        Body = body;
        CorrelationId = correlationId;
        Attempts = attempts;
    }

    public int StatusCode { get; }
    public string Body { get; }
    public string? CorrelationId { get; }
    public int Attempts { get; }
}
