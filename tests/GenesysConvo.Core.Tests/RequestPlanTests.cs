using System.Net;
using System.Text;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The API calls a history search or a metrics query needs, counted before any is sent — and the count is what
/// the engine then really sends (against a server with no conversations, where every slice or chunk is one request).</summary>
public class RequestPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 5, 30, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int y, int mo, int d) => new(y, mo, d, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An org with no conversations: every query answers empty; the datalake holds data up to now.</summary>
    private sealed class EmptyOrg : HttpMessageHandler
    {
        public readonly List<string> Requests = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (Requests) Requests.Add($"{request.Method} {path}");
            var body = path switch
            {
                "/oauth/token" => """{"access_token":"t","token_type":"bearer","expires_in":86400}""",
                "/api/v2/tokens/me" => """{"organization":{"id":"o","name":"Org"}}""",
                AnalyticsApi.AggregatesQueryPath => """{"results":[]}""",
                AnalyticsApi.DetailsQueryPath => """{"totalHits":0}""",
                AnalyticsApi.DetailsJobsPath + "/availability" => $$"""{"dataAvailabilityDate":"{{TimeWindow.Format(Now)}}"}""",
                AnalyticsApi.DetailsJobsPath => """{"jobId":"j1"}""",
                AnalyticsApi.DetailsJobsPath + "/j1" => """{"state":"FULFILLED"}""",
                AnalyticsApi.DetailsJobsPath + "/j1/results" => """{"conversations":[]}""",
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"message":"no","status":404}""") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }

        public int Count(string path) { lock (Requests) return Requests.Count(r => r.EndsWith(" " + path, StringComparison.Ordinal)); }
    }

    private static Task<GenesysApi> ConnectAsync(EmptyOrg org)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new ClientSecret("secret"), PrimaryHandler = () => org,
            Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
        };
        options.Retry.MaxRetryCount = 0;
        return GenesysApi.ConnectAsync(options, CancellationToken.None);
    }

    // ---- metrics ----

    public static TheoryData<int, string?, int> MetricCases => new()
    {
        { 1, null, 1 },
        { 40, null, 2 },
        { 3100, null, 100 },
        { 3101, null, 101 },
        { 3650, null, 118 },
        { 62, "PT1H", 2 },      // 31 days of hours is 744 buckets: the 31-day limit comes first
        { 30, "PT15M", 3 },     // 2,880 quarter hours: at most 1,000 buckets a request
    };

    [Theory]
    [MemberData(nameof(MetricCases))]
    public async Task A_metrics_plan_counts_the_aggregates_queries_that_are_then_sent(int days, string? granularity, int expected)
    {
        var request = new MetricRequest
        {
            Window = new TimeWindow(Utc(2016, 1, 1), Utc(2016, 1, 1).AddDays(days)),
            Granularity = granularity is null ? null : Granularity.Parse(granularity),
        };
        ConversationMetrics.Validate(request);
        var plan = ConversationMetrics.Plan(request);
        Assert.Equal(expected, plan.Calls);
        Assert.Equal(expected > 100, plan.NeedsConsent);

        var org = new EmptyOrg();
        using var api = await ConnectAsync(org);
        await ConversationMetrics.QueryAsync(api, new NameResolver(api), request, _ => { }, CancellationToken.None);
        Assert.Equal(plan.Calls, org.Count(AnalyticsApi.AggregatesQueryPath));
    }

    [Fact]
    public void A_large_metrics_plan_says_how_many_calls_for_which_window_and_why_it_asks()
    {
        var request = new MetricRequest { Window = new TimeWindow(Utc(2016, 1, 1), Utc(2026, 1, 1)) };
        ConversationMetrics.Validate(request);
        Assert.Equal("Reading 2016-01-01T00:00:00.000Z/2026-01-01T00:00:00.000Z needs 118 aggregates queries (one per 31 days), "
                     + "more than the 100 API calls the module makes without asking; each counts against the org's rate limit.",
            ConversationMetrics.Plan(request).Message);
    }

    // ---- history ----

    public static TheoryData<string, int, bool, bool, bool, int> HistoryCases => new()
    {
        // window start, days, include active (no filter then), -Bulk, -IncludeTotalCount, details queries
        { "2026-11-01", 30, false, false, false, 1 },      // completed only is a filter: one 31-day slice
        { "2026-11-01", 30, true, false, false, 5 },       // no filter: 7-day slices
        { "2026-11-01", 30, true, false, true, 10 },       // and again for the total
        // The jobs API reads up to yesterday, the query the rest; the query also reads the jobs part, slice by slice, for
        // the conversations late for the datalake.
        { "2016-01-01", 3987, false, false, false, 130 },
        { "2016-01-01", 3987, true, false, false, 130 },   // the late-conversations query carries a filter: 31-day slices
        { "2016-01-01", 3987, false, false, true, 259 },   // the total reads the whole window by the query
        { "2026-11-20", 11, false, true, false, 2 },       // -Bulk
    };

    [Theory]
    [MemberData(nameof(HistoryCases))]
    public async Task A_history_plan_counts_the_details_queries_that_are_then_sent(
        string start, int days, bool includeActive, bool bulk, bool withTotal, int expected)
    {
        var from = DateTimeOffset.Parse(start + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var criteria = new HistoryCriteria { IncludeActive = includeActive };
        var request = new HistoryRequest
        {
            Window = new TimeWindow(from, from.AddDays(days)), IncludeActive = includeActive,
            Source = bulk ? DetailsSource.Jobs : DetailsSource.Auto,
        };
        var plan = HistorySearch.Plan(criteria, request, withTotal, Now);
        Assert.Equal(expected, plan.Calls);

        var org = new EmptyOrg();
        using var api = await ConnectAsync(org);
        request.Query = await criteria.BuildAsync(new NameResolver(api), CancellationToken.None);
        if (withTotal) await HistorySearch.EstimateTotalAsync(api, request, CancellationToken.None);
        await HistorySearch.SearchAsync(api, new NameResolver(api), request, _ => { }, CancellationToken.None);
        Assert.Equal(plan.Calls, org.Count(AnalyticsApi.DetailsQueryPath));
    }

    [Fact]
    public void A_filter_from_the_query_body_or_the_parameters_allows_31_day_intervals()
    {
        var request = new HistoryRequest { Window = new TimeWindow(Utc(2026, 10, 1), Utc(2026, 10, 31)), IncludeActive = true };
        Assert.Equal(5, HistorySearch.Plan(new HistoryCriteria { IncludeActive = true }, request, false, Now).Calls);
        Assert.Equal(1, HistorySearch.Plan(new HistoryCriteria { IncludeActive = true, MediaTypes = { "voice" } }, request, false, Now).Calls);
        var body = new HistoryCriteria
        {
            IncludeActive = true,
            FilterJson = """{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "purpose", "value": "agent"}]}]}""",
        };
        Assert.Equal(1, HistorySearch.Plan(body, request, false, Now).Calls);
    }

    [Fact]
    public async Task The_shape_a_plan_is_made_from_has_the_filters_of_the_query_then_sent()
    {
        var criteria = new HistoryCriteria
        {
            Queues = { "11111111-1111-1111-1111-111111111111" }, MediaTypes = { "voice" }, Directions = { "inbound" },
            MinimumDuration = TimeSpan.FromMinutes(1),
        };
        var window = new TimeWindow(Utc(2026, 11, 1), Utc(2026, 11, 2));
        var built = await criteria.BuildAsync(new NameResolver(null!), CancellationToken.None);   // ids: no request
        Assert.Equal(Sent.Page(built, window), Sent.Page(criteria.Shape(), window));
    }

    [Fact]
    public void A_large_history_plan_says_it_is_a_lower_bound()
    {
        var request = new HistoryRequest { Window = new TimeWindow(Utc(2016, 1, 1), Utc(2026, 12, 1)), IncludeActive = true };
        var plan = HistorySearch.Plan(new HistoryCriteria { IncludeActive = true }, request, false, Now);
        Assert.True(plan.NeedsConsent);
        Assert.StartsWith($"Reading 2016-01-01T00:00:00.000Z/2026-12-01T00:00:00.000Z needs at least {plan.Calls} details queries", plan.Message);
    }
}
