using System.Net;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The details engine keeps its promise (every conversation that started in the window, exactly once) against a
/// server that misbehaves: short pages, answers that are not JSON, 500s, jobs that also hold open conversations; and it
/// resumes from a position without giving anything twice.</summary>
public class DetailsReliabilityTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static async Task<GenesysApi> ConnectAsync(FakeAnalyticsServer server, TimeProvider? time = null, int retries = 0)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new ClientSecret("secret"), PrimaryHandler = () => server, Time = time ?? TimeProvider.System,
        };
        options.Retry.MaxRetryCount = retries;
        options.Retry.BaseDelay = TimeSpan.Zero;
        return await GenesysApi.ConnectAsync(options, CancellationToken.None).Guarded();
    }

    private static async Task<List<string>> ReadAllAsync(GenesysApi api, DetailsRequest request)
    {
        var ids = new List<string>();
        await foreach (var page in new ConversationDetailsReader(api.Analytics, request).ReadAsync(CancellationToken.None))
            ids.AddRange(page.Conversations.Select(c => c.ConversationId));
        return ids;
    }

    /// <summary>Runs a read whose waits are on fake time, moving it on until the read is done.</summary>
    private static Task<List<string>> ReadDrivenAsync(GenesysApi api, DetailsRequest request, FakeTimeProvider time)
    {
        var read = Task.Run(() => ReadAllAsync(api, request));
        return Task.Run(async () =>
        {
            for (var i = 0; i < 2000 && !read.IsCompleted; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.Delay(1);
            }
            return await read.WaitAsync(TimeSpan.FromSeconds(10));
        });
    }

    private static List<string> Expected(IEnumerable<HeldConversation> held, TimeWindow window) =>
        held.Where(c => window.Contains(c.Start)).Select(c => c.Id).ToList();

    [Theory]
    [InlineData("""{"totalHits": 600}""")]
    [InlineData("{}")]
    public async Task A_page_that_ends_a_slice_before_its_count_is_asked_again(string shortAnswer)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 600).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, body, before) => path.EndsWith("/details/query") && before == 3 ? FakeAnalyticsServer.Json(shortAnswer) : null,
        };
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var ids = await ReadDrivenAsync(api, new DetailsRequest { Window = window, IncludeActive = true, Source = DetailsSource.Query }, time);

        Assert.Equal(Expected(held, window), ids);
        var pages = server.Requests.Where(r => r.Path.EndsWith("/details/query")).Select(r => r.Body!["paging"]!["pageNumber"]!.GetValue<int>());
        Assert.Equal(new[] { 1, 2, 3, 4, 4, 5, 6, 7 }, pages);
    }

    [Fact]
    public async Task A_slice_that_stays_short_fails_naming_the_slice_and_what_arrived()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 600).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, body, _) =>
                path.EndsWith("/details/query") && body!["paging"]!["pageNumber"]!.GetValue<int>() == 3 ? FakeAnalyticsServer.Json("""{"totalHits": 600}""") : null,
        };
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var error = await Assert.ThrowsAsync<GenesysApiException>(() =>
            ReadDrivenAsync(api, new DetailsRequest { Window = window, IncludeActive = true, Source = DetailsSource.Query }, time));

        Assert.Equal("GenesysConvo.IncompleteResult", error.ErrorId);
        Assert.Contains(window.ToString(), error.Message);
        Assert.Contains("200 conversations", error.Message);
        Assert.Contains("counted 600", error.Message);
        Assert.Equal(3, server.Requests.Count(r => r.Path.EndsWith("/details/query") && r.Body!["paging"]!["pageNumber"]!.GetValue<int>() == 3));
    }

    [Fact]
    public async Task A_count_that_grows_after_the_last_short_page_is_a_window_reaching_now_not_a_short_answer()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(30), Epoch, 40).ToList();
        // Page 2 counts one more: a conversation that started after page 1 was read, sorted into page 1.
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, _, before) => path.EndsWith("/details/query") && before == 1 ? FakeAnalyticsServer.Json("""{"totalHits": 41}""") : null,
        };
        using var api = await ConnectAsync(server);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        Assert.Equal(Expected(held, window), await ReadAllAsync(api, new DetailsRequest { Window = window, IncludeActive = true, Source = DetailsSource.Query }));
        Assert.Equal(2, server.Requests.Count(r => r.Path.EndsWith("/details/query")));
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [InlineData("""{"totalHits": 600, "conversations": [{"conversationId": """, "application/json")]
    public async Task A_success_that_is_not_JSON_is_retried(string body, string contentType)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 600).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, _, before) => path.EndsWith("/details/query") && before == 2 ? FakeAnalyticsServer.Text(body, contentType) : null,
        };
        using var api = await ConnectAsync(server, retries: 3);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        Assert.Equal(Expected(held, window), await ReadAllAsync(api, new DetailsRequest { Window = window, IncludeActive = true, Source = DetailsSource.Query }));
    }

    [Fact]
    public async Task A_success_that_is_JSON_of_another_shape_is_an_error_at_once_not_retried()
    {
        // Well-formed, so nothing was cut on the wire: asking again would only get the same answer.
        var server = new FakeAnalyticsServer(Array.Empty<HeldConversation>())
        {
            Intercept = (_, path, _, _) => path.EndsWith("/details/query") ? FakeAnalyticsServer.Json("""{"totalHits": "many"}""") : null,
        };
        using var api = await ConnectAsync(server, retries: 2);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var error = await Assert.ThrowsAsync<GenesysApiException>(() => ReadAllAsync(api, new DetailsRequest { Window = window }));

        Assert.Equal("GenesysConvo.UnreadableResponse", error.ErrorId);
        Assert.Equal(AnalyticsApi.DetailsQueryPath, error.Path);
        Assert.Equal(1, error.Attempts);
        Assert.Single(server.Requests, r => r.Path.EndsWith("/details/query"));
    }

    [Fact]
    public async Task A_success_that_stays_unreadable_is_an_error_naming_the_call_and_showing_the_body()
    {
        var server = new FakeAnalyticsServer(Array.Empty<HeldConversation>())
        {
            Intercept = (_, path, _, _) => path.EndsWith("/details/query")
                ? FakeAnalyticsServer.Text("<html><body>Proxy says no</body></html>", "text/html") : null,
        };
        using var api = await ConnectAsync(server, retries: 2);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var error = await Assert.ThrowsAsync<GenesysApiException>(() => ReadAllAsync(api, new DetailsRequest { Window = window }));

        Assert.Equal("GenesysConvo.UnreadableResponse", error.ErrorId);
        Assert.Equal(GenesysErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Equal(AnalyticsApi.DetailsQueryPath, error.Path);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("Proxy says no", error.Message);
    }

    [Fact]
    public async Task A_500_is_retried_for_a_query_but_not_for_a_job_submission()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(10), Epoch, 100).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (method, path, _, before) => before == 0 && (path.EndsWith("/details/query") || (method == "POST" && path.EndsWith("/details/jobs")))
                ? FakeAnalyticsServer.Json("""{"message":"boom","status":500}""", HttpStatusCode.InternalServerError) : null,
        };
        using var api = await ConnectAsync(server, retries: 3);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        Assert.Equal(Expected(held, window), await ReadAllAsync(api, new DetailsRequest { Window = window, Source = DetailsSource.Query }));
        var error = await Assert.ThrowsAsync<GenesysApiException>(() =>
            api.Analytics.PostConversationsDetailsJobsAsync(DetailsQuery.Empty().ForJob(window), CancellationToken.None));
        Assert.Equal(500, error.StatusCode);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST" && r.Path == AnalyticsApi.DetailsJobsPath));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_late_conversation_is_given_once_whether_or_not_the_jobs_hold_it(bool jobsHoldOpen)
    {
        // Before the seam: a closed one, one still open from day 1, one open from day 3, one that ended after the
        // availability date; then one after the seam.
        var held = new List<HeldConversation>
        {
            new(FakeAnalyticsServer.Id(1), Epoch.AddHours(2), Epoch.AddHours(3)),
            new(FakeAnalyticsServer.Id(2), Epoch.AddHours(5), null),
            new(FakeAnalyticsServer.Id(3), Epoch.AddDays(2).AddHours(1), null),
            new(FakeAnalyticsServer.Id(4), Epoch.AddDays(3).AddHours(1), Epoch.AddDays(3).AddHours(2)),
            // Open for days: it ended after the datalake's availability date, so no job holds it.
            new(FakeAnalyticsServer.Id(5), Epoch.AddHours(7), Epoch.AddDays(4).AddHours(1)),
        };
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(4), JobsHoldOpenConversations = jobsHoldOpen };
        using var api = await ConnectAsync(server);
        var window = new TimeWindow(Epoch, Epoch.AddDays(3).AddHours(6));

        var ids = await ReadAllAsync(api, new DetailsRequest { Window = window, IncludeActive = true, Source = DetailsSource.Jobs });

        Assert.Equal(held.Select(c => c.Id).OrderBy(i => i), ids.OrderBy(i => i));
    }

    [Fact]
    public async Task An_empty_last_job_page_is_asked_again_before_it_ends_the_results()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(10), Epoch, 120).ToList();
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(5) };
        server.Intercept = (_, path, _, before) => path.EndsWith("/results") && before == 1 ? FakeAnalyticsServer.Json("{}") : null;
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var ids = await ReadDrivenAsync(api, new DetailsRequest { Window = window, Source = DetailsSource.Jobs }, time);

        Assert.Equal(Expected(held, window), ids);
    }

    [Fact]
    public async Task A_first_page_without_a_count_is_asked_again_rather_than_taken_for_an_empty_slice()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(2), Epoch, 300).ToList();
        var server = new FakeAnalyticsServer(held)
        {
            Intercept = (_, path, _, before) => path.EndsWith("/details/query") && before == 0 ? FakeAnalyticsServer.Json("{}") : null,
        };
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));

        var ids = await ReadDrivenAsync(api, new DetailsRequest { Window = window, Source = DetailsSource.Query }, time);

        Assert.Equal(Expected(held, window), ids);
    }

    [Fact]
    public async Task A_job_page_without_conversations_before_the_last_is_asked_again()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(1), Epoch, 2500).ToList();
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(5) };
        server.Intercept = (_, path, _, before) =>
            path.Contains("/results") && path.Contains("cursor=1000") && before < 3 ? FakeAnalyticsServer.Json("""{"cursor":"2000"}""") : null;
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(2));

        var ids = await ReadDrivenAsync(api, new DetailsRequest { Window = window, Source = DetailsSource.Jobs, JobSpan = TimeSpan.FromDays(2) }, time);

        Assert.Equal(Expected(held, window).OrderBy(i => i), ids.OrderBy(i => i));
    }

    [Fact]
    public async Task A_job_page_that_stays_without_conversations_before_the_last_fails_the_read()
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(1), Epoch, 2500).ToList();
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(5) };
        server.Intercept = (_, path, _, _) =>
            path.Contains("/results") && path.Contains("cursor=1000") ? FakeAnalyticsServer.Json("""{"cursor":"2000"}""") : null;
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var window = new TimeWindow(Epoch, Epoch.AddDays(2));

        var failure = await Assert.ThrowsAsync<GenesysApiException>(() =>
            ReadDrivenAsync(api, new DetailsRequest { Window = window, Source = DetailsSource.Jobs, JobSpan = TimeSpan.FromDays(2) }, time));

        Assert.Equal("GenesysConvo.IncompleteResult", failure.ErrorId);
        Assert.Contains("page 2", failure.Message);
    }

    [Theory]
    [InlineData(2500, false)]   // the details query counts all 2,500: the last 500 were lost on the way
    [InlineData(2000, true)]    // it counts only the 2,000 that arrived: the empty page is the real end
    public async Task A_cursor_to_an_empty_last_job_page_ends_the_results_only_if_the_details_query_counts_no_more(
        int counted, bool ends)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(1), Epoch, 2500).ToList();
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(5) };
        // The probe is the details query's count over the job's interval: one conversation a page.
        server.Intercept = (_, path, body, _) =>
            path.Contains("/results") && path.Contains("cursor=2000") ? FakeAnalyticsServer.Json("{}")
            : path.EndsWith("/details/query") && (int?)body?["paging"]?["pageSize"] == 1 && counted != held.Count
                ? FakeAnalyticsServer.Json($$"""{"totalHits":{{counted}}}""")
            : null;
        var time = new FakeTimeProvider(Epoch.AddDays(10));
        using var api = await ConnectAsync(server, time);
        var request = new DetailsRequest
        {
            Window = new TimeWindow(Epoch, Epoch.AddDays(2)), Source = DetailsSource.Jobs, JobSpan = TimeSpan.FromDays(2),
        };

        if (ends)
        {
            Assert.Equal(2000, (await ReadDrivenAsync(api, request, time)).Count);
            return;
        }
        var failure = await Assert.ThrowsAsync<GenesysApiException>(() => ReadDrivenAsync(api, request, time));
        Assert.Equal("GenesysConvo.IncompleteResult", failure.ErrorId);
        Assert.Contains("after 2000 conversations", failure.Message);
        Assert.Contains("counts 2500", failure.Message);
    }

    [Theory]
    [InlineData(DetailsSource.Query)]
    [InlineData(DetailsSource.Jobs)]
    public async Task A_read_resumed_from_its_position_gives_the_rest_and_nothing_twice(DetailsSource source)
    {
        var held = FakeAnalyticsServer.Every(TimeSpan.FromMinutes(7), Epoch, 1500).ToList();
        var server = new FakeAnalyticsServer(held) { DataAvailability = Epoch.AddDays(30) };
        using var api = await ConnectAsync(server);
        var window = new TimeWindow(Epoch, Epoch.AddDays(7));
        DetailsRequest Request(DetailsPosition? resume) => new()
        {
            Window = window, Source = source, SliceLength = TimeSpan.FromDays(1), JobSpan = TimeSpan.FromDays(1), Resume = resume,
        };

        // The first run stops in the middle of its fourth unit.
        var first = new List<string>();
        var reader = new ConversationDetailsReader(api.Analytics, Request(null));
        await foreach (var page in reader.ReadAsync(CancellationToken.None))
        {
            first.AddRange(page.Conversations.Select(c => c.ConversationId));
            if (reader.Position.Unit == 3 && reader.Position.GivenInUnit.Count > 0) break;
        }
        var position = System.Text.Json.JsonSerializer.Deserialize<DetailsPosition>(System.Text.Json.JsonSerializer.Serialize(reader.Position))!;
        var requestsBefore = server.Requests.Count;

        var rest = await ReadAllAsync(api, Request(position));

        Assert.Equal(Expected(held, window).OrderBy(i => i), first.Concat(rest).OrderBy(i => i));
        // Nothing of the three finished units was asked for again (jobs, or query slices).
        var unitPath = source == DetailsSource.Jobs ? AnalyticsApi.DetailsJobsPath : AnalyticsApi.DetailsQueryPath;
        Assert.DoesNotContain(server.Requests.Skip(requestsBefore),
            r => r.Path == unitPath && r.Body?["interval"] is { } i && TimeWindow.Parse(i.GetValue<string>()).End <= Epoch.AddDays(3));
    }
}
