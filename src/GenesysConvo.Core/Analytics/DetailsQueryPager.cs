using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Json;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Core.Analytics;

/// <summary>Pages one interval of the synchronous details query (POST /api/v2/analytics/conversations/details/query)
/// by paging.pageNumber until a page comes back without conversations.</summary>
internal sealed class DetailsQueryPager
{
    public const string Path = "/api/v2/analytics/conversations/details/query";
    /// <summary>pageNumber × pageSize may not pass this (400 "Pagination may not exceed 100000 results.").</summary>
    public const int MaxDepth = 100_000;
    public const int MaxPageSize = 100;

    private readonly GenesysConnection _connection;

    public DetailsQueryPager(GenesysConnection connection) => _connection = connection;

    public async Task<DetailsPage> GetPageAsync(ConversationQuery query, TimeWindow interval, int pageSize, int pageNumber, CancellationToken cancellationToken)
    {
        var body = query.ToJson(interval, pageSize, pageNumber);
        var response = await _connection.SendAsync(HttpMethod.Post, Path, body, cancellationToken).ConfigureAwait(false);
        var page = JsonSerializer.Deserialize<DetailsPage>(response.Body, JsonDefaults.Options) ?? new DetailsPage();
        page.PageNumber = pageNumber;
        return page;
    }

    public static bool IsTooDeep(GenesysApiException e) =>
        e.Kind == GenesysErrorKind.InvalidRequest && e.Message.IndexOf("may not exceed", StringComparison.OrdinalIgnoreCase) >= 0;
}

/// <summary>AnalyticsConversationQueryResponse: conversations is absent past the end; totalHits is approximate.</summary>
internal sealed class DetailsPage
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public long? TotalHits { get; set; }
    public int PageNumber { get; set; }
}
