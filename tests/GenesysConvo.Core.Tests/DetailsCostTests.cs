using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Auto chooses between the details query and the jobs API by cost: a window the datalake holds whole whose query
/// would need more requests than a job (and more than a minute of the rate limit) is read through a job; otherwise the
/// query reads it, without asking for any page twice. Either way the same conversations arrive, once each.</summary>
public class DetailsCostTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Day = new(Epoch, Epoch.AddDays(1));

    private static async Task<GenesysApi> ConnectAsync(FakeAnalyticsServer server)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new ClientSecret("secret"), PrimaryHandler = () => server,
        };
        options.Retry.MaxRetryCount = 0;
        return await GenesysApi.ConnectAsync(options, CancellationToken.None).Guarded();
    }

    private static async Task<(List<string> Ids, FakeAnalyticsServer Server)> ReadAsync(
        int conversations, DateTimeOffset availability, long? wanted = null, int? rateLimitAllowed = null)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromTicks(TimeSpan.FromDays(1).Ticks / conversations), Epoch, conversations);
        var server = new FakeAnalyticsServer(held)
        {
            DataAvailability = availability, JobResultPageSize = 1000, RateLimitAllowed = rateLimitAllowed,
        };
        using var api = await ConnectAsync(server);
        var request = new DetailsRequest { Window = Day, Query = DetailsQuery.Empty(), Source = DetailsSource.Auto, Wanted = wanted };
        var ids = new List<string>();
        await foreach (var page in new ConversationDetailsReader(api.Analytics, request).ReadAsync(CancellationToken.None))
            ids.AddRange(page.Conversations.Select(c => c.ConversationId));
        return (ids, server);
    }

    private static int[] QueryPages(FakeAnalyticsServer server) => server.Requests
        .Where(r => r.Path.EndsWith("/details/query", StringComparison.Ordinal) && r.Body!["conversationFilters"] is null)
        .Select(r => r.Body!["paging"]!["pageNumber"]!.GetValue<int>()).ToArray();

    private static int Jobs(FakeAnalyticsServer server) =>
        server.Requests.Count(r => r.Method == "POST" && r.Path == AnalyticsApi.DetailsJobsPath);

    [Fact]
    public async Task A_busy_day_the_datalake_holds_is_read_through_a_job()
    {
        var (ids, server) = await ReadAsync(20_000, Epoch.AddDays(5));

        Assert.Equal(20_000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(1, Jobs(server));
        // One first page counted the day; the job read the rest (the late-conversations query carries a filter).
        Assert.Equal(new[] { 1 }, QueryPages(server));
        Assert.Equal(20, server.Requests.Count(r => r.Path.EndsWith("/results", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_quiet_day_stays_with_the_query_and_its_first_page_is_not_asked_for_twice()
    {
        var (ids, server) = await ReadAsync(2_000, Epoch.AddDays(5));

        Assert.Equal(2_000, ids.Count);
        Assert.Equal(0, Jobs(server));
        Assert.Equal(Enumerable.Range(1, 21), QueryPages(server));
    }

    [Fact]
    public async Task A_minute_of_the_rate_limit_is_what_the_API_states()
    {
        // 51 query pages: within 180 (the measure before the API states one), more than an allowance of 30 a minute.
        var (unstated, quiet) = await ReadAsync(5_000, Epoch.AddDays(5));
        var (stated, limited) = await ReadAsync(5_000, Epoch.AddDays(5), rateLimitAllowed: 30);

        Assert.Equal(0, Jobs(quiet));
        Assert.Equal(1, Jobs(limited));
        Assert.Equal(unstated.OrderBy(id => id), stated.OrderBy(id => id));
        Assert.Equal(5_000, stated.Distinct().Count());
    }

    [Fact]
    public async Task A_busy_day_the_datalake_does_not_hold_whole_stays_with_the_query()
    {
        var (ids, server) = await ReadAsync(20_000, Epoch.AddHours(30));

        Assert.Equal(20_000, ids.Count);
        Assert.Equal(0, Jobs(server));
        Assert.Equal(Enumerable.Range(1, 201), QueryPages(server));
    }

    [Fact]
    public async Task A_read_of_a_few_conversations_asks_nothing_about_the_datalake()
    {
        var (ids, server) = await ReadAsync(20_000, Epoch.AddDays(5), wanted: 150);

        Assert.NotEmpty(ids);
        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith(AnalyticsApi.DetailsJobsPath, StringComparison.Ordinal));
    }

    [Fact]
    public void A_job_costs_its_submission_status_and_result_pages_and_the_late_queries()
    {
        var request = new DetailsRequest { Window = Day, Query = DetailsQuery.Empty() };
        var plan = DetailsPlan.Make(request, Epoch.AddDays(5));

        Assert.Equal(1 + DetailsCost.JobStatusRequests + 48 + 1, DetailsCost.QueryCostOfJobs(plan, 48_000));
        Assert.Equal(1 + DetailsCost.JobStatusRequests + 1 + 1, DetailsCost.QueryCostOfJobs(plan, 0));
    }
}
