using GenesysConvo.Emulator.Auth;
using GenesysConvo.Emulator.Conversations;
using GenesysConvo.Emulator.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GenesysConvo.Emulator.Analytics;

/// <summary>AnalyticsConversationQueryResponse: no "conversations" past the end, "totalHits" always.</summary>
public sealed class DetailsQueryResponse
{
    public List<AnalyticsConversation>? Conversations { get; set; }
    public List<AggregationResult>? Aggregations { get; set; }
    public int TotalHits { get; set; }
}

public sealed class AggregationResult
{
    public string? Type { get; set; }
    public string? Dimension { get; set; }
    public string? Metric { get; set; }
    public int Count { get; set; }
    public List<AggregationResultEntry> Results { get; set; } = [];
}

public sealed class AggregationResultEntry
{
    public string? Value { get; set; }
    public double? Gte { get; set; }
    public double? Lt { get; set; }
    public int Count { get; set; }
}

/// <summary>POST /api/v2/analytics/conversations/details/query (reference §2).</summary>
public static class DetailsQueryEndpoint
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxResultDepth = 100_000;
    public const int DefaultAggregationSize = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v2/analytics/conversations/details/query", async (HttpContext ctx, ConversationMatcher matcher, EmulatorClock clock, RuntimeConfig config) =>
        {
            try
            {
                var body = await DetailsQueryParser.Read(ctx.Request);
                var pageSize = body.Paging?.PageSize ?? DefaultPageSize;
                var pageNumber = body.Paging?.PageNumber ?? 1;
                // Logged so tests can see which page a client asked for (request log "detail").
                ctx.Items[RequestLog.DetailItem] = new { pageSize, pageNumber };
                if (pageSize < 1 || pageSize > MaxPageSize)
                    throw new QueryValidationException("bad.request", $"Invalid paging.pageSize {pageSize}: it must be between 1 and {MaxPageSize} (max {MaxPageSize}).");
                if (pageNumber < 1)
                    throw new QueryValidationException("bad.request", $"Invalid paging.pageNumber {pageNumber}: pages are numbered from 1.");
                if ((long)pageNumber * pageSize > MaxResultDepth)
                    throw new QueryValidationException("bad.request", $"Pagination may not exceed {MaxResultDepth} results.");

                var query = DetailsQueryParser.Parse(body, enforceIntervalLimits: true);
                var now = clock.Now;
                var matches = ConversationMatcher.Sort(matcher.Find(query, now, startOfDay: true), query.Order, query.OrderBy);

                var response = new DetailsQueryResponse { TotalHits = matches.Count };
                if (body.Aggregations is { Count: > 0 } aggs) response.Aggregations = Aggregate(aggs, matches, matcher.Generator, now);

                // detailsDuplicateRate: each page after the first starts d records before the previous page's end,
                // as pages of live data overlap; the end of the data is reached correspondingly later.
                var dup = (int)Math.Round(config.DetailsDuplicateRate * pageSize);
                dup = Math.Clamp(dup, 0, pageSize - 1);
                var offset = (long)(pageNumber - 1) * (pageSize - dup);
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
        }).RequireAnyPermission(PermissionNames.ConversationDetailView, PermissionNames.AgentConversationDetailView);
    }

    /// <summary>
    /// termFrequency: per value of a conversation or segment dimension, the number of matching conversations having it
    /// (top <c>size</c>, default 10, by count). numericRange: conversations per range of a conversation-level metric.
    /// Computed over ALL matches of the query (not just the page).
    /// </summary>
    private static List<AggregationResult> Aggregate(List<QueryAggregation> aggs, List<MatchedConversation> matches, ConversationGenerator generator, DateTimeOffset now)
    {
        for (var i = 0; i < aggs.Count; i++)
        {
            var a = aggs[i] ?? throw new QueryValidationException("bad.request", $"aggregations[{i}] must be an object.");
            if (a.Type is null || a.Type.Equals("termFrequency", StringComparison.OrdinalIgnoreCase))
            {
                a.Type = "termFrequency";
                if (a.Dimension is null) throw new QueryValidationException("bad.request", $"aggregations[{i}]: termFrequency needs a dimension.");
                if (Predicates.ConversationDimensions.TryGetValue(a.Dimension, out var c)) a.Dimension = c;
                else if (Predicates.SegmentDimensions.TryGetValue(a.Dimension, out var s)) a.Dimension = s;
                else throw new QueryValidationException("bad.request", $"aggregations[{i}]: unknown dimension '{a.Dimension}'.");
            }
            else if (a.Type.Equals("numericRange", StringComparison.OrdinalIgnoreCase))
            {
                a.Type = "numericRange";
                if (a.Metric is null || !Predicates.ConversationMetrics.TryGetValue(a.Metric, out var m))
                    throw new QueryValidationException("bad.request", $"aggregations[{i}]: numericRange needs a known conversation metric (got '{a.Metric}').");
                a.Metric = m;
                if (a.Ranges is not { Count: > 0 }) throw new QueryValidationException("bad.request", $"aggregations[{i}]: numericRange needs ranges.");
            }
            else
            {
                throw new QueryValidationException("bad.request", $"aggregations[{i}].type '{a.Type}' is invalid: expected termFrequency or numericRange.");
            }
        }

        var records = new AnalyticsConversation[matches.Count];
        Parallel.For(0, matches.Count, i => records[i] = generator.Get(matches[i].Index, now)!);

        var results = new List<AggregationResult>();
        foreach (var a in aggs)
        {
            if (a.Type == "termFrequency")
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var c in records)
                {
                    var values = Predicates.ConversationDimensions.Contains(a.Dimension!)
                        ? Predicates.ConversationDimension(c, a.Dimension!)
                        : Predicates.SegmentsOf(c).SelectMany(s => Predicates.SegmentDimension(s, a.Dimension!)).ToArray();
                    foreach (var v in values.Distinct(StringComparer.Ordinal))
                        counts[v] = counts.GetValueOrDefault(v) + 1;
                }

                results.Add(new AggregationResult
                {
                    Type = a.Type, Dimension = a.Dimension, Count = records.Length,
                    Results = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                        .Take(a.Size is > 0 ? a.Size.Value : DefaultAggregationSize)
                        .Select(kv => new AggregationResultEntry { Value = kv.Key, Count = kv.Value }).ToList(),
                });
            }
            else
            {
                var values = records.Select(c => Predicates.ConversationMetric(c, a.Metric!)).Where(v => v is not null).Select(v => v!.Value).ToList();
                results.Add(new AggregationResult
                {
                    Type = a.Type, Metric = a.Metric, Count = records.Length,
                    Results = a.Ranges!.Select(r => new AggregationResultEntry
                    {
                        Gte = r.Gte, Lt = r.Lt,
                        Count = values.Count(v => (r.Gte is not { } gte || v >= gte) && (r.Lt is not { } lt || v < lt)),
                    }).ToList(),
                });
            }
        }

        return results;
    }
}
