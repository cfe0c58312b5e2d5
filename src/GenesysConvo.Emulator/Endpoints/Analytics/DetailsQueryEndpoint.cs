using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Analytics;
using GenesysConvo.Emulator.Model.Conversations;

namespace GenesysConvo.Emulator.Endpoints.Analytics;

/// <summary>AnalyticsConversationQueryResponse: no "conversations" past the end, "totalHits" always.</summary>
public sealed class DetailsQueryResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public List<AggregationResult>? Aggregations { get; set; }
    public int TotalHits { get; set; }
}

/// <summary>
/// POST /api/v2/analytics/conversations/details/query (permission analytics:conversationDetail:view or
/// analytics:agentConversationDetail:view): one page of the conversations the query matches now, in its order.
/// </summary>
public static class DetailsQueryEndpoint
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxResultDepth = 100_000;

    public static void Map(IEndpointRouteBuilder app)
        => app.MapPost("/api/v2/analytics/conversations/details/query", Query)
            .RequireAnyPermission(PermissionNames.ConversationDetailView, PermissionNames.AgentConversationDetailView);

    private static async Task<IResult> Query(HttpContext ctx, ConversationMatcher matcher, EmulatorClock clock, RuntimeConfig config)
    {
        try
        {
            var body = await RequestBodies.ReadQuery<DetailsQueryBody>(ctx.Request, DetailsQueryParser.BodyRequired);
            var pageSize = body.Paging?.PageSize ?? DefaultPageSize;
            var pageNumber = body.Paging?.PageNumber ?? 1;
            // Logged so tests can see which page a client asked for (request log "detail").
            ctx.Items[RequestLog.DetailItem] = new { pageSize, pageNumber };
            CheckPaging(pageSize, pageNumber);

            var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: true);
            var now = config.AnalyticsAsOf(clock.Now);
            var matches = ConversationMatcher.Sort(matcher.Find(query, now, startOfDay: true), query.Order, query.OrderBy);
            var response = new DetailsQueryResponse { TotalHits = matches.Count };
            if (body.Aggregations is { Count: > 0 } aggs)
                response.Aggregations = DetailsAggregations.Compute(aggs, matches, matcher.Generator, now);

            var offset = PageOffset(pageSize, pageNumber, config.DetailsDuplicateRate);
            if (offset < matches.Count)
            {
                response.Conversations = matches.Skip((int)offset).Take(pageSize)
                    .Select(m => matcher.Generator.Get(m.Index, now)!)
                    .ToList();
            }

            return Results.Json(response, Json.Options);
        }
        catch (QueryValidationException ex)
        {
            return ErrorBodies.Result(ctx, 400, ex.Code, ex.Message);
        }
    }

    private static void CheckPaging(int pageSize, int pageNumber)
    {
        if (pageSize < 1 || pageSize > MaxPageSize)
        {
            throw new QueryValidationException("bad.request",
                $"Invalid paging.pageSize {pageSize}: it must be between 1 and {MaxPageSize} (max {MaxPageSize}).");
        }

        if (pageNumber < 1)
            throw new QueryValidationException("bad.request", $"Invalid paging.pageNumber {pageNumber}: pages are numbered from 1.");
        if ((long)pageNumber * pageSize > MaxResultDepth)
            throw new QueryValidationException("bad.request", $"Pagination may not exceed {MaxResultDepth} results.");
    }

    /// <summary>
    /// Where page n starts. With detailsDuplicateRate r each page after the first starts d = round(r·pageSize) records
    /// before the previous page's end, as pages of live data overlap; the end of the data is reached correspondingly later.
    /// </summary>
    private static long PageOffset(int pageSize, int pageNumber, double duplicateRate)
    {
        var dup = (int)Math.Round(duplicateRate * pageSize);
        dup = Math.Clamp(dup, 0, pageSize - 1);
        return (long)(pageNumber - 1) * (pageSize - dup);
    }
}
