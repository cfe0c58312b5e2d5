using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>ConversationHistory and ConversationMetrics through a real GenesysConnection whose innermost handler is
/// the fake boundary (FakeHttp): what they send, and the rows they make of the answers.</summary>
public class AnalyticsEndToEndTests
{
    private const string Q1 = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string U1 = "bbbbbbbb-0000-0000-0000-000000000001";
    private const string U2 = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string W1 = "cccccccc-0000-0000-0000-000000000001";
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A server: login and /tokens/me answered here, every other request by <paramref name="route"/>
    /// (path and query, body → JSON, or null for 404).</summary>
    internal static FakeHttp Server(Func<string, JsonNode?, string?> route)
    {
        var http = new FakeHttp();
        for (var i = 0; i < 100; i++)
            http.Then(async (request, ct) =>
            {
                var uri = request.RequestUri!;
                if (uri.AbsolutePath == "/oauth/token") return FakeHttp.Response(request, HttpStatusCode.OK, Responses.Token("t"));
                if (uri.AbsolutePath == "/api/v2/tokens/me") return FakeHttp.Response(request, HttpStatusCode.OK, """{"organization":{"id":"o","name":"Org"}}""");
                var text = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
                var answer = route(uri.PathAndQuery, text is null ? null : JsonNode.Parse(text));
                return FakeHttp.Response(request, answer is null ? HttpStatusCode.NotFound : HttpStatusCode.OK, answer ?? """{"message":"not found","status":404}""");
            });
        return http;
    }

    internal static Task<GenesysApi> ConnectAsync(FakeHttp http, DateTimeOffset? now = null)
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = new Uri("https://api.example.test"), LoginBaseUri = new Uri("https://login.example.test"),
            ClientId = "id", ClientSecret = new ClientSecret("secret"), PrimaryHandler = () => http,
        };
        options.Retry.MaxRetryCount = 0;
        if (now is { } at) options.Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at);
        return GenesysApi.ConnectAsync(options, CancellationToken.None).Guarded();
    }

    private static List<JsonNode> Bodies(FakeHttp http, string path) =>
        http.Seen.Where(s => s.Uri.AbsolutePath == path).Select(s => JsonNode.Parse(s.BodyText)!).ToList();

    // ---- ConversationHistory ----

    private static string Conversation(string id, DateTimeOffset start, string agent) => $$"""
        {"conversationId": "{{id}}", "conversationStart": "{{TimeWindow.Format(start)}}", "conversationEnd": "{{TimeWindow.Format(start.AddMinutes(5))}}",
         "originatingDirection": "inbound", "unknownField": [1, 2],
         "participants": [
          {"participantId": "p-c", "purpose": "customer", "participantName": "Jane",
           "sessions": [{"sessionId": "s-c", "mediaType": "voice", "direction": "inbound", "ani": "tel:+1555",
             "segments": [{"segmentStart": "{{TimeWindow.Format(start)}}", "segmentEnd": "{{TimeWindow.Format(start.AddMinutes(5))}}", "segmentType": "interact", "disconnectType": "client"}],
             "metrics": [{"name": "nConnected", "value": 1, "emitDate": "{{TimeWindow.Format(start)}}"}]}]},
          {"participantId": "p-a", "purpose": "agent", "userId": "{{agent}}",
           "sessions": [{"sessionId": "s-a", "mediaType": "voice", "direction": "inbound",
             "segments": [{"segmentStart": "{{TimeWindow.Format(start)}}", "segmentEnd": "{{TimeWindow.Format(start.AddMinutes(4))}}", "segmentType": "interact", "queueId": "{{Q1}}"},
                          {"segmentStart": "{{TimeWindow.Format(start.AddMinutes(4))}}", "segmentEnd": "{{TimeWindow.Format(start.AddMinutes(5))}}", "segmentType": "wrapup", "queueId": "{{Q1}}", "wrapUpCode": "{{W1}}"}],
             "metrics": [{"name": "tTalk", "value": 240000}, {"name": "tAcw", "value": 60000}, {"name": "tHandle", "value": 300000}]}]}]}
        """;

    private static string? HistoryRoute(string path, JsonNode? body, List<string> conversations)
    {
        if (path == AnalyticsApi.DetailsQueryPath)
        {
            var page = body!["paging"]!["pageNumber"]!.GetValue<int>();
            return page == 1 ? $"{{\"totalHits\": {conversations.Count}, \"conversations\": [{string.Join(",", conversations)}]}}" : $"{{\"totalHits\": {conversations.Count}}}";
        }
        if (path.StartsWith("/api/v2/users?", StringComparison.Ordinal))
            return $"{{\"entities\": [{{\"id\": \"{U1}\", \"name\": \"Alice\"}}, {{\"id\": \"{U2}\", \"name\": \"Bob\"}}]}}";
        if (path.StartsWith("/api/v2/routing/queues?", StringComparison.Ordinal)) return $"{{\"entities\": [{{\"id\": \"{Q1}\", \"name\": \"Sales\"}}]}}";
        if (path.StartsWith("/api/v2/routing/wrapupcodes?", StringComparison.Ordinal)) return $"{{\"entities\": [{{\"id\": \"{W1}\", \"name\": \"Resolved\"}}]}}";
        return null;
    }

    private static async Task<(List<object> Rows, FakeHttp Http)> SearchAsync(HistoryRequest request, params string[] conversations)
    {
        var list = conversations.ToList();
        var http = Server((path, body) => HistoryRoute(path, body, list));
        using var api = await ConnectAsync(http);
        var rows = new List<object>();
        await HistorySearch.SearchAsync(api, new NameResolver(api), request, rows.AddRange, CancellationToken.None).Guarded();
        return (rows, http);
    }

    [Fact]
    public async Task History_records_carry_names_looked_up_in_one_request_per_kind()
    {
        var window = new TimeWindow(Day, Day.AddDays(1));
        var (rows, http) = await SearchAsync(new HistoryRequest { Window = window, Source = DetailsSource.Query },
            Conversation("c-1", Day.AddHours(1), U1), Conversation("c-2", Day.AddHours(2), U2));

        var records = rows.Cast<ConversationRecord>().ToList();
        Assert.Equal(new[] { "c-1", "c-2" }, records.Select(r => r.ConversationId));
        Assert.Equal(new[] { "Alice", "Bob" }, records.Select(r => r.Agent));
        Assert.All(records, r => Assert.Equal("Sales", r.Queue));
        Assert.All(records, r => Assert.Equal("Resolved", r.WrapUpCode));
        Assert.All(records, r => Assert.Equal(TimeSpan.FromMinutes(5), r.HandleTime));

        var users = Assert.Single(http.Seen, s => s.Uri.AbsolutePath == "/api/v2/users");
        Assert.Contains("id=" + U1, users.Uri.Query);
        Assert.Contains("id=" + U2, users.Uri.Query);
        Assert.Contains("state=any", users.Uri.Query);
        Assert.Single(http.Seen, s => s.Uri.AbsolutePath == "/api/v2/routing/queues");
        Assert.Single(http.Seen, s => s.Uri.AbsolutePath == "/api/v2/routing/wrapupcodes");

        var sent = Bodies(http, AnalyticsApi.DetailsQueryPath);
        Assert.Equal(new[] { 1, 2 }, sent.Select(b => b["paging"]!["pageNumber"]!.GetValue<int>()));
        Assert.All(sent, b => Assert.Equal(window.ToInterval(), b["interval"]!.GetValue<string>()));
    }

    [Fact]
    public async Task History_expands_to_one_row_per_participant_and_skips_by_conversation()
    {
        var (rows, _) = await SearchAsync(new HistoryRequest { Window = new TimeWindow(Day, Day.AddDays(1)), Source = DetailsSource.Query, Expand = HistoryExpansion.Participant, Skip = 1 },
            Conversation("c-1", Day.AddHours(1), U1), Conversation("c-2", Day.AddHours(2), U2));
        var participants = rows.Cast<ConversationParticipantRow>().ToList();
        Assert.Equal(2, participants.Count);
        Assert.All(participants, p => Assert.Equal("c-2", p.ConversationId));
        Assert.Equal("Bob", participants[1].UserName);
    }

    [Fact]
    public async Task Only_the_conversations_written_are_named()
    {
        // Three conversations, each with its own agent: -Skip 1 -First 1 writes the second, and asks only for its agent.
        const string u3 = "bbbbbbbb-0000-0000-0000-000000000003";
        var (rows, http) = await SearchAsync(new HistoryRequest { Window = new TimeWindow(Day, Day.AddDays(1)), Source = DetailsSource.Query, Skip = 1, Limit = 1 },
            Conversation("c-1", Day.AddHours(1), U1), Conversation("c-2", Day.AddHours(2), U2), Conversation("c-3", Day.AddHours(3), u3));

        Assert.Equal("c-2", Assert.Single(rows.Cast<ConversationRecord>()).ConversationId);
        var users = Assert.Single(http.Seen, s => s.Uri.AbsolutePath == "/api/v2/users");
        Assert.Contains("id=" + U2, users.Uri.Query);
        Assert.DoesNotContain("id=" + U1, users.Uri.Query);
        Assert.DoesNotContain("id=" + u3, users.Uri.Query);
    }

    [Fact]
    public async Task The_live_list_reads_the_step_of_each_record()
    {
        var conversations = new List<string> { Conversation("c-1", Day.AddHours(1), U1) };
        var http = Server((path, body) => HistoryRoute(path, body, conversations));
        using var api = await ConnectAsync(http, now: Day.AddHours(3));
        var rows = new List<object>();
        await LiveConversations.ListAsync(api, new NameResolver(api), new LiveListRequest(), rows.AddRange, CancellationToken.None).Guarded();
        var live = Assert.IsType<ActiveConversation>(Assert.Single(rows));
        Assert.Equal(ConversationStep.Ended, live.Step);
        Assert.Equal("c-1", live.ConversationId);
        Assert.Equal("Sales", live.Queue);   // named through the page's bulk lookup
        Assert.Equal(TimeSpan.FromMinutes(5), live.LiveFor);
    }

    [Fact]
    public async Task A_filtered_history_query_uses_31_day_slices()
    {
        var query = DetailsQuery.Empty();
        query.Add(DetailsFilterKind.Segment, QueryFilters.AnyOf("queueId", new[] { Q1 }));
        var window = new TimeWindow(Day, Day.AddDays(40));
        var (_, http) = await SearchAsync(new HistoryRequest { Window = window, Query = query, Source = DetailsSource.Query });
        var intervals = Bodies(http, AnalyticsApi.DetailsQueryPath).Select(b => TimeWindow.Parse(b["interval"]!.GetValue<string>())).ToList();
        Assert.Equal(new[] { new TimeWindow(Day, Day.AddDays(31)), new TimeWindow(Day.AddDays(31), Day.AddDays(40)) }, intervals);
        Assert.All(Bodies(http, AnalyticsApi.DetailsQueryPath), b => Assert.Equal(Q1, b["segmentFilters"]![0]!["predicates"]![0]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_total_estimate_adds_one_page_size_1_request_per_slice()
    {
        var http = Server((path, body) => path == AnalyticsApi.DetailsQueryPath ? "{\"totalHits\": 1234}" : null);
        using var api = await ConnectAsync(http);
        var total = await HistorySearch.EstimateTotalAsync(api, new HistoryRequest { Window = new TimeWindow(Day, Day.AddDays(10)) }, CancellationToken.None).Guarded();
        Assert.Equal(2468, total);
        var sent = Bodies(http, AnalyticsApi.DetailsQueryPath);
        Assert.Equal(2, sent.Count);
        Assert.All(sent, b => Assert.Equal(1, b["paging"]!["pageSize"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_page_size_outside_1_to_100_is_refused_before_any_request(int pageSize)
    {
        var http = Server((_, _) => null);
        using var api = await ConnectAsync(http);
        var before = http.Count;
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            HistorySearch.SearchAsync(api, new NameResolver(api), new HistoryRequest { Window = new TimeWindow(Day, Day.AddDays(1)), PageSize = pageSize }, _ => { }, CancellationToken.None));
        Assert.Equal(before, http.Count);
    }

    // ---- ConversationMetrics ----

    private static string Stats(params (string Metric, string Stats)[] metrics) =>
        "[" + string.Join(",", metrics.Select(m => $"{{\"metric\": \"{m.Metric}\", \"stats\": {m.Stats}}}")) + "]";

    private static async Task<(List<object> Rows, FakeHttp Http)> MetricsAsync(MetricRequest request, Func<JsonNode, string> answer)
    {
        var http = Server((path, body) =>
            path == AnalyticsApi.AggregatesQueryPath ? answer(body!)
            : path.StartsWith("/api/v2/routing/queues?", StringComparison.Ordinal) ? $"{{\"entities\": [{{\"id\": \"{Q1}\", \"name\": \"Sales\"}}]}}"
            : null);
        using var api = await ConnectAsync(http);
        var rows = new List<object>();
        await ConversationMetrics.QueryAsync(api, new NameResolver(api), request, rows.Add, CancellationToken.None).Guarded();
        return (rows, http);
    }

    [Fact]
    public async Task Metrics_send_the_parameters_as_an_aggregate_query_and_read_one_row_per_group()
    {
        var window = new TimeWindow(Day, Day.AddDays(1));
        var request = new MetricRequest
        {
            Window = window, Metrics = { }, GroupBy = { "queue" }, Queues = { Q1 }, MediaTypes = { "Voice" },
        };
        request.Metrics = new List<string> { "noffered", "tAbandon", "tHandle", "oServiceLevel", "tAnswered" };
        var (rows, http) = await MetricsAsync(request, body => $$"""
            {"results": [{"group": {"queueId": "{{Q1}}", "mediaType": "voice"}, "data": [{"interval": "{{window.ToInterval()}}", "metrics": {{Stats(
                ("nOffered", """{"count": 10}"""), ("tAbandon", """{"count": 2, "sum": 60000}"""), ("tHandle", """{"count": 8, "sum": 800000, "min": 1, "max": 2}"""),
                ("tAnswered", """{"count": 8, "sum": 40000}"""), ("oServiceLevel", """{"ratio": 0.75, "numerator": 6, "denominator": 8, "target": 0.8}"""))}}}]}]}
            """);

        var sent = Assert.Single(Bodies(http, AnalyticsApi.AggregatesQueryPath));
        Assert.Equal(new[] { "nOffered", "tAbandon", "tHandle", "oServiceLevel", "tAnswered" }, sent["metrics"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(new[] { "queueId" }, sent["groupBy"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal("UTC", sent["timeZone"]!.GetValue<string>());
        Assert.Equal(window.ToInterval(), sent["interval"]!.GetValue<string>());
        Assert.Null(sent["granularity"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            {"type": "and", "clauses": [
              {"type": "or", "predicates": [{"type": "dimension", "dimension": "queueId", "operator": "matches", "value": "{{Q1}}"}]},
              {"type": "or", "predicates": [{"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "voice"}]}]}
            """), sent["filter"]));

        var row = Assert.IsType<ConversationMetricRow>(Assert.Single(rows));
        Assert.Equal("Sales", row.Queue);
        Assert.Equal(Q1, row.QueueId);
        Assert.Equal("voice", row.MediaType);
        Assert.Equal(10, row.Offered);
        Assert.Equal(2, row.Abandoned);
        Assert.Equal(20.0, row.AbandonRate);
        Assert.Equal(8, row.Handled);
        Assert.Equal(8, row.Answered);
        Assert.Equal(TimeSpan.FromSeconds(100), row.AverageHandleTime);
        Assert.Equal(TimeSpan.FromSeconds(5), row.AverageSpeedOfAnswer);
        Assert.Equal(75.0, row.ServiceLevelPercent);
        Assert.Equal(window.Start, row.IntervalStart);
        Assert.Equal(window.End, row.IntervalEnd);
        Assert.Equal("UTC", row.TimeZone);
    }

    [Fact]
    public async Task Metrics_over_more_than_31_days_are_asked_in_pieces_and_merged()
    {
        var window = new TimeWindow(Day, Day.AddDays(40));
        var request = new MetricRequest { Window = window, Metrics = new List<string> { "nOffered", "tHandle", "oServiceLevel" } };
        var (rows, http) = await MetricsAsync(request, body =>
        {
            var first = TimeWindow.Parse(body["interval"]!.GetValue<string>()).Start == Day;
            return $$"""
                {"results": [{"group": {}, "data": [{"interval": "{{body["interval"]!.GetValue<string>()}}", "metrics": {{(first
                    ? Stats(("nOffered", """{"count": 10}"""), ("tHandle", """{"count": 1, "sum": 1000, "min": 1000, "max": 1000}"""), ("oServiceLevel", """{"ratio": 0.75, "numerator": 6, "denominator": 8}"""))
                    : Stats(("nOffered", """{"count": 5}"""), ("tHandle", """{"count": 1, "sum": 3000, "min": 3000, "max": 3000}"""), ("oServiceLevel", """{"ratio": 0.5, "numerator": 1, "denominator": 2}""")))}}}]}]}
                """;
        });

        var intervals = Bodies(http, AnalyticsApi.AggregatesQueryPath).Select(b => TimeWindow.Parse(b["interval"]!.GetValue<string>())).ToList();
        Assert.Equal(new[] { new TimeWindow(Day, Day.AddDays(31)), new TimeWindow(Day.AddDays(31), Day.AddDays(40)) }, intervals);

        var row = Assert.IsType<ConversationMetricRow>(Assert.Single(rows));
        Assert.Equal(window.Start, row.IntervalStart);
        Assert.Equal(window.End, row.IntervalEnd);
        Assert.Equal(15, row.Offered);
        Assert.Equal(TimeSpan.FromSeconds(2), row.AverageHandleTime);
        Assert.Equal(1000, row.Metrics["tHandle"].Min);
        Assert.Equal(3000, row.Metrics["tHandle"].Max);
        Assert.Equal(70.0, row.ServiceLevelPercent!.Value, 6);   // 7 of 10, not the mean of 75% and 50%
    }

    [Fact]
    public async Task Metrics_by_day_follow_the_time_zone_and_give_local_interval_times()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var start = new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero);   // midnight EDT
        var window = new TimeWindow(start, start.AddHours(25 + 24));
        var request = new MetricRequest
        {
            Window = window, Granularity = Granularity.Parse("P1D"), Zone = zone, TimeZoneId = "America/New_York", Metrics = new List<string> { "nOffered" },
        };
        var (rows, http) = await MetricsAsync(request, _ => $$"""
            {"results": [{"group": {}, "data": [
              {"interval": "2026-11-02T00:00:00.000-05:00/2026-11-03T00:00:00.000-05:00", "metrics": {{Stats(("nOffered", """{"count": 4}"""))}}},
              {"interval": "2026-11-01T00:00:00.000-04:00/2026-11-02T00:00:00.000-05:00", "metrics": {{Stats(("nOffered", """{"count": 3}"""))}}}]}]}
            """);

        var sent = Assert.Single(Bodies(http, AnalyticsApi.AggregatesQueryPath));
        Assert.Equal("P1D", sent["granularity"]!.GetValue<string>());
        Assert.Equal("America/New_York", sent["timeZone"]!.GetValue<string>());

        var days = rows.Cast<ConversationMetricRow>().ToList();
        Assert.Equal(new long?[] { 3, 4 }, days.Select(d => d.Offered));   // ordered by interval start
        Assert.Equal(new DateTime(2026, 11, 1), days[0].IntervalStartLocal);
        Assert.Equal(new DateTime(2026, 11, 2), days[0].IntervalEndLocal);
        Assert.Equal(TimeSpan.FromHours(25), days[0].IntervalEnd - days[0].IntervalStart);
    }

    [Fact]
    public async Task Fine_buckets_are_asked_at_most_1000_at_a_time_cut_on_bucket_boundaries()
    {
        var window = new TimeWindow(Day, Day.AddDays(12));   // 1,152 quarter hours
        var request = new MetricRequest { Window = window, Granularity = Granularity.Parse("PT15M"), Metrics = new List<string> { "nOffered" } };
        var (_, http) = await MetricsAsync(request, _ => """{"results": []}""");
        var intervals = Bodies(http, AnalyticsApi.AggregatesQueryPath).Select(b => TimeWindow.Parse(b["interval"]!.GetValue<string>())).ToList();
        Assert.Equal(new[] { new TimeWindow(Day, Day.AddHours(250)), new TimeWindow(Day.AddHours(250), Day.AddDays(12)) }, intervals);
    }

    [Fact]
    public async Task Long_output_is_one_row_per_metric()
    {
        var window = new TimeWindow(Day, Day.AddDays(1));
        var request = new MetricRequest { Window = window, Metrics = new List<string> { "nOffered", "tHandle" }, Long = true };
        var (rows, _) = await MetricsAsync(request, _ => $$"""
            {"results": [{"group": {"mediaType": "chat"}, "data": [{"interval": "{{window.ToInterval()}}", "metrics": {{Stats(("nOffered", """{"count": 3}"""), ("tHandle", """{"count": 2, "sum": 5000}"""))}}}]}]}
            """);
        var values = rows.Cast<ConversationMetricValue>().ToList();
        Assert.Equal(new[] { "nOffered", "tHandle" }, values.Select(v => v.Metric));
        Assert.Null(values[0].AverageTime);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), values[1].AverageTime);
        Assert.All(values, v => Assert.Equal("chat", v.MediaType));
    }

    [Fact]
    public async Task A_filter_with_clauses_keeps_them_when_parameters_add_filters()
    {
        var window = new TimeWindow(Day, Day.AddDays(1));
        var request = new MetricRequest
        {
            Window = window, Metrics = new List<string> { "nOffered" }, MediaTypes = { "voice" },
            FilterJson = $$"""{"type": "and", "clauses": [{"type": "or", "predicates": [{"dimension": "queueId", "value": "{{Q1}}"}]}]}""",
        };
        var (_, http) = await MetricsAsync(request, _ => """{"results": []}""");
        var filter = Assert.Single(Bodies(http, AnalyticsApi.AggregatesQueryPath))["filter"]!.ToJsonString();
        Assert.Contains(Q1, filter);          // the caller's queue restriction
        Assert.Contains("\"voice\"", filter);
        Assert.DoesNotContain("\"predicates\":[]", filter);
    }

    [Fact]
    public void Metric_requests_are_checked_before_any_request()
    {
        var request = new MetricRequest { Window = new TimeWindow(Day, Day.AddDays(1)), Metrics = new List<string> { "thandle", "tHandle", "NOFFERED" }, GroupBy = { "agent", "queue" } };
        ConversationMetrics.Validate(request);
        Assert.Equal(new[] { "tHandle", "nOffered" }, request.Metrics);
        Assert.Equal(new[] { "userId", "queueId" }, request.GroupBy);

        Assert.Contains("not a field of the API's ConversationAggregationQuery",
            Assert.Throws<ArgumentException>(() => ConversationMetrics.Validate(new MetricRequest { Window = request.Window, QueryJson = """{"dateFrom": "x"}""" })).Message);
        Assert.Contains("Give at least one -Metric",
            Assert.Throws<ArgumentException>(() => ConversationMetrics.Validate(new MetricRequest { Window = request.Window, Metrics = new List<string>() })).Message);
        Assert.Contains("-Filter must be an aggregate filter",
            Assert.Throws<ArgumentException>(() => ConversationMetrics.Validate(new MetricRequest { Window = request.Window, FilterJson = """{"predicates": []}""" })).Message);
        Assert.Contains("does not divide the window",
            Assert.Throws<ArgumentException>(() => ConversationMetrics.Validate(new MetricRequest { Window = new TimeWindow(Day, Day.AddMinutes(90)), Granularity = Granularity.Parse("PT1H") })).Message);
    }
}
