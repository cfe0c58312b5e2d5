using System;
using System.Buffers;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GenesysConvo.Core.Session;

/// <summary>One authenticated connection to one org: its token source and the HTTP pipeline every call of the session
/// goes through (IHttpClientFactory: rate-limit pacing → resilience → bearer token → logging → sockets). Knows no
/// endpoint but the login: the API layer above it does. Thread-safe: runspaces and ForEach-Object -Parallel may share it.</summary>
public sealed class GenesysConnection : IDisposable
{
    private const string ApiClientName = "GenesysConvo.Api";
    private const string LoginClientName = "GenesysConvo.Login";
    private static readonly string s_userAgent = "GenesysConvo/" + typeof(GenesysConnection).Assembly.GetName().Version?.ToString(3);
    private static readonly MediaTypeHeaderValue s_json = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

    private readonly ServiceProvider _services;
    private readonly IHttpClientFactory _clients;

    private GenesysConnection(ConnectionOptions options, ServiceProvider services)
    {
        Options = options;
        _services = services;
        _clients = services.GetRequiredService<IHttpClientFactory>();
        Tokens = services.GetRequiredService<ITokenSource>();
        ConnectedAt = options.Time.GetUtcNow();
    }

    public ConnectionOptions Options { get; }
    public ITokenSource Tokens { get; }
    public DateTimeOffset ConnectedAt { get; }
    /// <summary>The org the token belongs to, once the API layer has read it.</summary>
    public string? OrganizationId { get; set; }
    public string? OrganizationName { get; set; }
    /// <summary>The user a user token acts as, once the API layer has read it.</summary>
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    /// <summary>API requests sent through the session, and the retries among their attempts (for summaries).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);
    public long RetryCount => Interlocked.Read(ref _retries);

    /// <summary>Requests a token may send in a window of the rate limit, as the API last stated it (null until it has).</summary>
    public int? RateLimitAllowance => _services.GetRequiredService<RateLimitPacer>().Allowed;

    private long _requests;
    private long _retries;

    /// <summary>Validates the options and gets the first token, so a login that fails (wrong host, bad credentials,
    /// an expired supplied token) fails here and never counts as connected.</summary>
    public static async Task<GenesysConnection> OpenAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        var connection = new GenesysConnection(options, BuildServices(options));
        try
        {
            await connection.Tokens.GetAsync(cancellationToken).ConfigureAwait(false);
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
        UserId = UserId,
        UserName = UserName,
        TokenExpiresAt = Tokens.ExpiresAt,
        ConnectedAt = ConnectedAt,
        IsCurrent = isCurrent,
    };

    /// <summary>Sends one API request through the session's pipeline. pathAndQuery is relative to the API base
    /// (/api/v2/...); the body is UTF-8 JSON. A non-success answer becomes a GenesysApiException; cancellation stays
    /// an OperationCanceledException. A reader, when given, reads a JSON success into the endpoint's type within the
    /// attempt (<see cref="ApiResponse.Value"/>).</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, byte[]? utf8Json, RequestTraits traits,
        CancellationToken cancellationToken, Func<ReadOnlySequence<byte>, object?>? reader = null)
    {
        var uri = RequestUris.Combine(Options.EffectiveApiBaseUri, pathAndQuery);
        var path = uri.AbsolutePath;
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (utf8Json != null) request.Content = new ByteArrayContent(utf8Json) { Headers = { ContentType = s_json } };
        var trace = new RequestTrace
        {
            Idempotent = traits.HasFlag(RequestTraits.Idempotent), ExpectsJson = traits.HasFlag(RequestTraits.ExpectsJson),
            Reader = reader,
        };
        trace.AttachTo(request);

        HttpResponseMessage response;
        try
        {
            // Headers read is enough: the resilience handler reads every body inside its attempt, and a JSON success in
            // segments that HttpClient would otherwise copy into one large array.
            response = await _clients.CreateClient(ApiClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
        {
            throw ApiErrors.FromException(e, method.Method, path, trace);
        }
        finally
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _retries, Math.Max(0, trace.Attempts - 1));
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                throw ApiErrors.FromResponse(response, Encoding.UTF8.GetString(error), method.Method, path, trace);
            }
            // A JSON success was read in segments by the resilience handler; any other body was buffered there, as before.
            var body = trace.Body ?? new ReadOnlySequence<byte>(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
            return new ApiResponse(method.Method, path, (int)response.StatusCode, body, ApiErrors.CorrelationId(response), trace.Attempts)
            {
                Value = trace.Read,
                ClockAheadOfServer = Options.Time.GetUtcNow() - response.Headers.Date,
            };
        }
    }

    /// <summary>Sends a body given as text (Invoke-GenesysCloudRequest): retried as HTTP says the method may be.</summary>
    public Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, string? json, CancellationToken cancellationToken) =>
        SendAsync(method, pathAndQuery, json is null ? null : Encoding.UTF8.GetBytes(json), RequestTraitsOf.Method(method),
            cancellationToken);

    private static ServiceProvider BuildServices(ConnectionOptions options)
    {
        var services = new ServiceCollection();
        var primary = options.PrimaryHandler ?? CreatePrimaryHandler;
        services.AddHttpClient(LoginClientName, Configure)
            .ConfigurePrimaryHttpMessageHandler(primary)
            .AddHttpMessageHandler(() => new ResilienceHandler(options.Retry, options.Time))
            .AddHttpMessageHandler(() => new RequestLoggingHandler(options.Time, logBodies: false)); // the response holds a token
        services.AddSingleton<ITokenSource>(provider => options.Interactive is { } interactive
            ? new InteractiveTokenSource(provider.GetRequiredService<IHttpClientFactory>().CreateClient(LoginClientName),
                options.EffectiveLoginBaseUri, options.ClientId!.Trim(), interactive, options.Time)
            : options.AccessToken is { } supplied
            ? new SuppliedTokenSource(supplied, options.Time)
            : new ClientCredentialsTokenSource(provider.GetRequiredService<IHttpClientFactory>().CreateClient(LoginClientName),
                options.EffectiveLoginBaseUri, options.ClientId!.Trim(), options.ClientSecret!, options.Time));
        // One pacer per session: the factory rebuilds handler chains, the rate-limit window outlives them.
        services.AddSingleton(new RateLimitPacer(options.Time, options.Retry.MaxDelay));
        services.AddHttpClient(ApiClientName, Configure)
            .ConfigurePrimaryHttpMessageHandler(primary)
            .AddHttpMessageHandler(provider => new RateLimitPacingHandler(provider.GetRequiredService<RateLimitPacer>()))
            .AddHttpMessageHandler(() => new ResilienceHandler(options.Retry, options.Time))
            .AddHttpMessageHandler(provider => new BearerTokenHandler(provider.GetRequiredService<ITokenSource>()))
            .AddHttpMessageHandler(() => new RequestLoggingHandler(options.Time, logBodies: true));
        return services.BuildServiceProvider();
    }

    private static void Configure(HttpClient client)
    {
        client.Timeout = Timeout.InfiniteTimeSpan;   // the resilience pipeline owns every timeout
        client.DefaultRequestHeaders.UserAgent.ParseAdd(s_userAgent);
    }

    private static HttpMessageHandler CreatePrimaryHandler()
    {
#if !NET
        AllowTls12();
#endif
        return new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
    }

#if !NET
    /// <summary>Genesys Cloud accepts TLS 1.2 and later only. On .NET Framework the protocols come from
    /// ServicePointManager, and Windows PowerShell 5.1 on an older or unpatched Windows offers only SSL 3 and TLS 1.0
    /// there unless the registry says otherwise: add TLS 1.2 (never remove what the host chose, and leave
    /// SystemDefault, where the OS already offers it, alone) — as the Az and PowerShellGet modules do.</summary>
    internal static void AllowTls12()
    {
        var chosen = ServicePointManager.SecurityProtocol;
        if (chosen != 0 && (chosen & SecurityProtocolType.Tls12) == 0)
            ServicePointManager.SecurityProtocol = chosen | SecurityProtocolType.Tls12;
    }
#endif

    public void Dispose() => _services.Dispose();
}
