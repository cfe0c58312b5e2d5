using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>HistorySearch (the details engine) through a fake details-query server (the boundary): slicing, the 100,000-result paging
/// depth, duplicates across pages, and stopping early — what the emulator cannot cheaply produce.</summary>
public class HistoryPagingTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A server holding one conversation every <paramref name="spacing"/>, answering like the real API: conversations
    /// that started on a UTC day the interval touches and before its end, 1-based pages, no "conversations" past the end.</summary>
    private sealed class FakeDetailsServer : HttpMessageHandler
    {
        private readonly TimeSpan _spacing;
        public readonly List<(TimeWindow Interval, int Page, int Size)> Queries = new();
        public Func<TimeWindow, int, HttpResponseMessage?>? Intercept { get; set; }
        public int RepeatFromPreviousPage { get; set; }

        public FakeDetailsServer(TimeSpan spacing) => _spacing = spacing;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/oauth/token") return Json("{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":86400}");
            if (path == "/api/v2/tokens/me") return Json("{\"organization\":{\"id\":\"o\",\"name\":\"Org\"}}");
            if (path != "/api/v2/analytics/conversations/details/query") return new HttpResponseMessage(HttpStatusCode.NotFound);

            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            var interval = TimeWindow.Parse(body["interval"]!.GetValue<string>());
            var size = body["paging"]!["pageSize"]!.GetValue<int>();
            var page = body["paging"]!["pageNumber"]!.GetValue<int>();
            lock (Queries) Queries.Add((interval, page, size));
            if (Intercept?.Invoke(interval, page) is { } intercepted) return intercepted;
            if ((long)page * size > 100_000)
                return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"message\":\"Pagination may not exceed 100000 results.\",\"code\":\"bad.request\",\"status\":400}") };

            var dayStart = new DateTimeOffset(interval.Start.UtcDateTime.Date, TimeSpan.Zero);
            var first = (long)Math.Ceiling((dayStart - Epoch).Ticks / (double)_spacing.Ticks);
            first = Math.Max(0, first);
            var end = (long)Math.Ceiling((interval.End - Epoch).Ticks / (double)_spacing.Ticks);
            var total = Math.Max(0, end - first);
            var from = first + (long)(page - 1) * (size - RepeatFromPreviousPage);
            var items = new List<object>();
            for (var k = from; k < Math.Min(end, from + size); k++)
            {
                var start = Epoch + TimeSpan.FromTicks(_spacing.Ticks * k);
                items.Add(new { conversationId = Id(k), conversationStart = start, conversationEnd = start.AddMinutes(1), participants = Array.Empty<object>() });
            }
            return Json(items.Count == 0 ? JsonSerializer.Serialize(new { totalHits = total }) : JsonSerializer.Serialize(new { totalHits = total, conversations = items }));
        }

        private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
    }

    private static string Id(long k) => $"00000000-0000-0000-0000-{k:D12}";

    private static async Task<(List<ConversationRecord> Records, FakeDetailsServer Server)> SearchAsync(TimeSpan spacing, TimeWindow window, Action<FakeDetailsServer>? setUp = null, long? limit = null)
    {
        var server = new FakeDetailsServer(spacing);
        setUp?.Invoke(server);
        using var api = await ConnectAsync(server);
        var records = new List<ConversationRecord>();
        var request = new HistoryRequest { Window = window, IncludeActive = true, Source = DetailsSource.Query, Limit = limit };
        await HistorySearch.SearchAsync(api, new NameResolver(api), request, page => records.AddRange(page.Cast<ConversationRecord>()), CancellationToken.None);
        return (records, server);
    }

    private static IEnumerable<string> Expected(TimeSpan spacing, TimeWindow window)
    {
        for (long k = 0; Epoch + TimeSpan.FromTicks(spacing.Ticks * k) < window.End; k++)
            if (window.Contains(Epoch + TimeSpan.FromTicks(spacing.Ticks * k))) yield return Id(k);
    }

    [Fact]
    public async Task A_window_is_cut_into_slices_of_at_most_seven_days_without_filters()
    {
        var window = new TimeWindow(Epoch.AddHours(5), Epoch.AddDays(10));
        var (records, server) = await SearchAsync(TimeSpan.FromMinutes(30), window);
        Assert.Equal(Expected(TimeSpan.FromMinutes(30), window), records.Select(r => r.ConversationId));
        var slices = server.Queries.Where(q => q.Page == 1).Select(q => q.Interval).ToList();
        Assert.Equal(2, slices.Count);
        Assert.All(slices, s => Assert.True(s.Length <= TimeSpan.FromDays(7)));
        Assert.Equal(window.Start, slices[0].Start);
        Assert.Equal(slices[0].End, slices[1].Start);
    }

    [Fact]
    public async Task A_slice_over_the_paging_depth_is_halved_before_any_record_is_written()
    {
        // One conversation every 5 s: 7 days hold 120,960, more than the API pages through.
        var window = new TimeWindow(Epoch, Epoch.AddDays(7));
        var (records, server) = await SearchAsync(TimeSpan.FromSeconds(5), window);
        Assert.Equal(120_960, records.Count);
        Assert.Equal(records.Count, records.Select(r => r.ConversationId).Distinct().Count());
        Assert.DoesNotContain(server.Queries, q => (long)q.Page * q.Size > 100_000);
        var firstPages = server.Queries.Where(q => q.Page == 1).Select(q => q.Interval).ToList();
        Assert.Equal(window, firstPages[0]);
        Assert.Equal(new TimeWindow(Epoch, Epoch.AddDays(3.5)), firstPages[1]);
    }

    [Fact]
    public async Task A_slice_that_grows_past_the_depth_while_read_is_halved_without_writing_anything_twice()
    {
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));
        var (records, _) = await SearchAsync(TimeSpan.FromMinutes(1), window, server => server.Intercept = (interval, page) =>
            interval.Equals(window) && page == 5
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"message\":\"Pagination may not exceed 100000 results.\",\"status\":400}") }
                : null);
        Assert.Equal(Expected(TimeSpan.FromMinutes(1), window), records.Select(r => r.ConversationId));
    }

    [Fact]
    public async Task Records_repeated_across_pages_are_written_once()
    {
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));
        var (records, server) = await SearchAsync(TimeSpan.FromMinutes(1), window, s => s.RepeatFromPreviousPage = 7);
        Assert.Equal(Expected(TimeSpan.FromMinutes(1), window), records.Select(r => r.ConversationId));
        Assert.True(server.Queries.Count > 1440 / 100 + 1, "the repeats need extra pages");
    }

    [Fact]
    public async Task Conversations_that_started_before_the_window_on_the_same_day_are_left_out()
    {
        var window = new TimeWindow(Epoch.AddHours(12), Epoch.AddHours(13));
        var (records, _) = await SearchAsync(TimeSpan.FromMinutes(1), window);
        Assert.Equal(60, records.Count);
        Assert.All(records, r => Assert.True(window.Contains(r.StartTime)));
    }

    [Fact]
    public async Task A_limit_stops_paging_at_the_page_that_completes_it()
    {
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));
        var (records, server) = await SearchAsync(TimeSpan.FromMinutes(1), window, limit: 150);
        Assert.Equal(150, records.Count);
        Assert.Equal(new[] { 1, 2 }, server.Queries.Select(q => q.Page));
    }

    [Fact]
    public async Task Ids_given_past_the_middle_before_a_split_are_not_written_again_in_the_second_half()
    {
        // Pages 1-9 of the day (900 minutes) pass its middle before page 10 is too deep: the second half starts with
        // conversations already written, though the first half's ids are let go when it ends.
        var window = new TimeWindow(Epoch, Epoch.AddDays(1));
        var (records, _) = await SearchAsync(TimeSpan.FromMinutes(1), window, server => server.Intercept = (interval, page) =>
            interval.Equals(window) && page == 10
                ? new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"message\":\"Pagination may not exceed 100000 results.\",\"status\":400}") }
                : null);
        Assert.Equal(Expected(TimeSpan.FromMinutes(1), window), records.Select(r => r.ConversationId));
    }

    [Fact]
    public async Task A_read_resumed_within_a_split_unit_starts_where_its_finished_halves_end()
    {
        // One conversation every 5 s: the week is one unit of 120,960, read as its two halves.
        var spacing = TimeSpan.FromSeconds(5);
        var window = new TimeWindow(Epoch, Epoch.AddDays(7));
        var server = new FakeDetailsServer(spacing);
        using var api = await ConnectAsync(server);
        DetailsRequest Request(DetailsPosition? resume) => new() { Window = window, Source = DetailsSource.Query, Resume = resume };

        var first = new List<string>();
        var reader = new ConversationDetailsReader(api.Analytics, Request(null));
        await foreach (var page in reader.ReadAsync(CancellationToken.None))
        {
            first.AddRange(page.Conversations.Select(c => c.ConversationId));
            if (reader.Position.UnitDoneUntil is not null && reader.Position.GivenInUnit.Count > 0) break;
        }
        var done = reader.Position.UnitDoneUntil!.Value;
        Assert.Equal(Epoch.AddDays(3.5), done);
        // The first half's 60,480 ids are let go; what the second half gave so far (one page at most) is kept.
        Assert.InRange(reader.Position.GivenInUnit.Count, 1, 100);
        var position = JsonSerializer.Deserialize<DetailsPosition>(JsonSerializer.Serialize(reader.Position))!;
        var queriesBefore = server.Queries.Count;

        var rest = new List<string>();
        await foreach (var page in new ConversationDetailsReader(api.Analytics, Request(position)).ReadAsync(CancellationToken.None))
            rest.AddRange(page.Conversations.Select(c => c.ConversationId));

        Assert.Equal(Expected(spacing, window), first.Concat(rest).OrderBy(id => id, StringComparer.Ordinal));
        Assert.All(server.Queries.Skip(queriesBefore), q => Assert.True(q.Interval.Start >= done, $"{q.Interval} was asked again"));
    }

    private static async Task<GenesysApi> ConnectAsync(FakeDetailsServer server)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new Auth.ClientSecret("secret"), PrimaryHandler = () => server,
        };
        options.Retry.MaxRetryCount = 0;
        return await GenesysApi.ConnectAsync(options, CancellationToken.None);
    }
}
