using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>Queues and wrap-up codes: by id in bulk, or by name (exact or prefix with a trailing *).</summary>
public sealed class RoutingApi
{
    public const string QueuesPath = "/api/v2/routing/queues";
    public const string WrapupCodesPath = "/api/v2/routing/wrapupcodes";
    /// <summary>Entities per listing request, and so the most ids one look-up asks for (the API allows more).</summary>
    public const int PageSize = 100;

    private readonly GenesysConnection _connection;

    public RoutingApi(GenesysConnection connection) => _connection = connection;

    public Task<EntityListing<NamedEntity>> GetQueuesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ListAsync(QueuesPath, ids.Select(id => ("id", id)), cancellationToken);

    /// <summary>By name pattern (a leading or trailing * matches any text); the first page of all when null.</summary>
    public Task<EntityListing<NamedEntity>> GetQueuesByNameAsync(string? namePattern, CancellationToken cancellationToken) =>
        ListAsync(QueuesPath, ByName(namePattern), cancellationToken);

    public Task<EntityListing<NamedEntity>> GetWrapupCodesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ListAsync(WrapupCodesPath, ids.Select(id => ("id", id)), cancellationToken);

    /// <summary>By name pattern (a leading or trailing * matches any text); the first page of all when null.</summary>
    public Task<EntityListing<NamedEntity>> GetWrapupCodesByNameAsync(string? namePattern, CancellationToken cancellationToken) =>
        ListAsync(WrapupCodesPath, ByName(namePattern), cancellationToken);

    private static IEnumerable<(string, string)> ByName(string? namePattern) =>
        namePattern is null ? Enumerable.Empty<(string, string)>() : new[] { ("name", namePattern) };

    private Task<EntityListing<NamedEntity>> ListAsync(
        string path, IEnumerable<(string, string)> query, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection,
            RequestUris.WithQuery(path, query.Concat(new[] { ("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)) })),
            ApiJson.Default.EntityListingNamedEntity, cancellationToken);
}
