using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Api;

/// <summary>Users: by id in bulk (deleted ones included), by search, and the token's own user.</summary>
public sealed class UsersApi
{
    public const string UsersPath = "/api/v2/users";

    private readonly GenesysConnection _connection;

    public UsersApi(GenesysConnection connection) => _connection = connection;

    /// <summary>GET /api/v2/users?id=a&amp;id=b&amp;state=any: every user of the ids, whatever its state.</summary>
    public Task<EntityListing<NamedEntity>> GetUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, RequestUris.WithQuery(UsersPath, ids.Select(id => ("id", id))
                .Concat(new[] { ("state", "any"), ("pageSize", RoutingApi.PageSize.ToString(CultureInfo.InvariantCulture)) })),
            ApiJson.Default.EntityListingNamedEntity, cancellationToken);

    public Task<UsersSearchResponse> PostUsersSearchAsync(UserSearchRequest body, CancellationToken cancellationToken) =>
        ApiCall.QueryAsync(_connection, UsersPath + "/search", body, ApiJson.Default.UserSearchRequest,
            ApiJson.Default.UsersSearchResponse, cancellationToken);

    /// <summary>The user the token belongs to; a client-credentials token gets 400 (no user context).</summary>
    public Task<NamedEntity> GetUsersMeAsync(CancellationToken cancellationToken) =>
        ApiCall.GetAsync(_connection, UsersPath + "/me", ApiJson.Default.NamedEntity, cancellationToken);
}
