using System.Text.Json.Nodes;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The filters the parameters become. Names would need the API; ids (GUIDs) resolve without it, so the
/// resolver is built over no connection at all: any request it tried to send would fail the test.</summary>
public class HistoryCriteriaTests
{
    private const string Queue1 = "11111111-1111-1111-1111-111111111111";
    private const string Queue2 = "22222222-2222-2222-2222-222222222222";
    private const string User1 = "33333333-3333-3333-3333-333333333333";
    private const string Code1 = "44444444-4444-4444-4444-444444444444";
    private const string Division1 = "55555555-5555-5555-5555-555555555555";
    private const string Conversation1 = "66666666-6666-6666-6666-666666666666";
    private static readonly TimeWindow Window = TimeWindow.Parse("2026-01-05T00:00:00Z/2026-01-06T00:00:00Z");

    private static NameResolver OfflineNames() => new(null!);

    private static async Task<JsonObject> BuildAsync(HistoryCriteria criteria)
    {
        var query = await criteria.BuildAsync(OfflineNames(), CancellationToken.None).Guarded();
        return JsonNode.Parse(Sent.Page(query, Window, 100, 1))!.AsObject();
    }

    private static JsonArray Filters(JsonObject body, string kind) => body[kind]?.AsArray() ?? new JsonArray();

    private static IEnumerable<JsonObject> FiltersOn(JsonObject body, string kind, string dimensionOrMetric) =>
        Filters(body, kind).Select(f => f!.AsObject())
            .Where(f => f["predicates"]?.AsArray().Any(p => (p!["dimension"] ?? p["metric"])?.GetValue<string>() == dimensionOrMetric) == true);

    private static string[] Values(JsonObject filter) => filter["predicates"]!.AsArray().Select(p => p!["value"]!.GetValue<string>()).ToArray();

    // ---- Validate ----

    [Theory]
    [InlineData("sales")]
    [InlineData("6a1c5e1e-2f33-4f6a-9d0e")]
    public void Validate_refuses_a_division_id_that_is_not_a_GUID(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => new HistoryCriteria { DivisionIds = { id } }.Validate());
        Assert.Equal($"'{id}' is not an id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).", e.Message);
    }

    [Fact]
    public void Validate_refuses_a_conversation_id_that_is_not_a_GUID()
    {
        var e = Assert.Throws<ArgumentException>(() => new HistoryCriteria { ConversationIds = { Conversation1, "conv-42" } }.Validate());
        Assert.Contains("'conv-42' is not an id", e.Message);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("in")]
    [InlineData("")]
    public void Validate_refuses_a_direction_other_than_inbound_or_outbound(string direction)
    {
        var e = Assert.Throws<ArgumentException>(() => new HistoryCriteria { Directions = { "inbound", direction } }.Validate());
        Assert.Equal($"Direction '{direction}' is not inbound or outbound.", e.Message);
    }

    [Fact]
    public void Validate_accepts_directions_in_any_case()
    {
        new HistoryCriteria { Directions = { "INBOUND", "Outbound" } }.Validate();
    }

    [Fact]
    public void Validate_refuses_a_negative_minimum_duration()
    {
        var e = Assert.Throws<ArgumentException>(() => new HistoryCriteria { MinimumDuration = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Equal("-MinimumDuration cannot be negative.", e.Message);
        new HistoryCriteria { MinimumDuration = TimeSpan.Zero }.Validate();
    }

    [Fact]
    public void Validate_checks_the_query_and_filter_bodies()
    {
        Assert.Contains("-Query has 'dateFrom'", Assert.Throws<ArgumentException>(() => new HistoryCriteria { QueryJson = """{"dateFrom": "x"}""" }.Validate()).Message);
        Assert.Contains("-Filter must say where each filter goes",
            Assert.Throws<ArgumentException>(() => new HistoryCriteria { FilterJson = """{"type": "or", "predicates": [{"dimension": "queueId", "value": "q"}]}""" }.Validate()).Message);
    }

    [Fact]
    public void Validate_returns_the_query_with_the_callers_filters()
    {
        var query = new HistoryCriteria
        {
            QueryJson = """{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "purpose", "value": "agent"}]}]}""",
            FilterJson = """{"conversationFilters": [{"type": "and", "predicates": [{"dimension": "externalTag", "value": "vip"}]}]}""",
        }.Validate();
        var body = JsonNode.Parse(Sent.Page(query, Window, null))!.AsObject();
        Assert.Single(Filters(body, "segmentFilters"));
        Assert.Single(Filters(body, "conversationFilters"));
    }

    // ---- BuildAsync ----

    [Fact]
    public async Task By_default_only_ended_conversations_are_asked_for()
    {
        var body = await BuildAsync(new HistoryCriteria());
        var filter = Assert.Single(Filters(body, "conversationFilters"))!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"and","predicates":[{"type":"dimension","dimension":"conversationEnd","operator":"exists"}]}"""), filter));
        Assert.False(body.ContainsKey("segmentFilters"));
    }

    [Fact]
    public async Task IncludeActive_adds_no_conversationEnd_filter()
    {
        var criteria = new HistoryCriteria { IncludeActive = true };
        var query = await criteria.BuildAsync(OfflineNames(), CancellationToken.None).Guarded();
        Assert.False(query.HasFilters);
        Assert.False(JsonNode.Parse(Sent.Page(query, Window, 100, 1))!.AsObject().ContainsKey("conversationFilters"));
    }

    [Fact]
    public async Task Directions_are_lower_cased_and_ORed_as_originatingDirection()
    {
        var body = await BuildAsync(new HistoryCriteria { Directions = { "Inbound", "OUTBOUND" }, IncludeActive = true });
        var filter = Assert.Single(FiltersOn(body, "conversationFilters", "originatingDirection"));
        Assert.Equal("or", filter["type"]!.GetValue<string>());
        Assert.Equal(new[] { "inbound", "outbound" }, Values(filter));
    }

    [Fact]
    public async Task MinimumDuration_is_a_tConversationDuration_range_in_milliseconds()
    {
        var body = await BuildAsync(new HistoryCriteria { MinimumDuration = TimeSpan.FromSeconds(90.5), IncludeActive = true });
        var filter = Assert.Single(FiltersOn(body, "conversationFilters", "tConversationDuration"));
        var predicate = Assert.Single(filter["predicates"]!.AsArray())!;
        Assert.Equal("metric", predicate["type"]!.GetValue<string>());
        Assert.Equal(90500, predicate["range"]!["gte"]!.GetValue<long>());
    }

    [Fact]
    public async Task Conversation_and_division_ids_are_conversation_filters()
    {
        var body = await BuildAsync(new HistoryCriteria { ConversationIds = { Conversation1 }, DivisionIds = { Division1 } });
        Assert.Equal(new[] { Conversation1 }, Values(Assert.Single(FiltersOn(body, "conversationFilters", "conversationId"))));
        Assert.Equal(new[] { Division1 }, Values(Assert.Single(FiltersOn(body, "conversationFilters", "divisionId"))));
        Assert.Single(FiltersOn(body, "conversationFilters", "conversationEnd"));
        Assert.Equal(3, Filters(body, "conversationFilters").Count);
    }

    [Fact]
    public async Task Media_types_are_lower_cased_segment_predicates_ORed_in_one_filter()
    {
        var body = await BuildAsync(new HistoryCriteria { MediaTypes = { "Voice", "chat", "EMAIL" } });
        var filter = Assert.Single(Filters(body, "segmentFilters"))!.AsObject();
        Assert.Equal("or", filter["type"]!.GetValue<string>());
        Assert.All(filter["predicates"]!.AsArray(), p => Assert.Equal("mediaType", p!["dimension"]!.GetValue<string>()));
        Assert.Equal(new[] { "voice", "chat", "email" }, Values(filter));
    }

    [Fact]
    public async Task Ids_for_queues_users_and_wrap_up_codes_need_no_lookup_and_become_segment_filters()
    {
        var body = await BuildAsync(new HistoryCriteria { Queues = { Queue1, $" {Queue2} " }, Users = { User1 }, WrapUpCodes = { Code1 } });
        Assert.Equal(new[] { Queue1, Queue2 }, Values(Assert.Single(FiltersOn(body, "segmentFilters", "queueId"))));
        Assert.Equal(new[] { User1 }, Values(Assert.Single(FiltersOn(body, "segmentFilters", "userId"))));
        Assert.Equal(new[] { Code1 }, Values(Assert.Single(FiltersOn(body, "segmentFilters", "wrapUpCode"))));
    }

    [Fact]
    public async Task Each_parameter_is_its_own_filter_so_the_API_ANDs_them()
    {
        var body = await BuildAsync(new HistoryCriteria
        {
            Queues = { Queue1 }, MediaTypes = { "voice" }, Anis = { "tel:+15551230000", "tel:+15551230001" }, Dnises = { "tel:+18005550100" },
        });
        var segment = Filters(body, "segmentFilters");
        Assert.Equal(4, segment.Count);
        Assert.Equal(new[] { "queueId", "mediaType", "ani", "dnis" }, segment.Select(f => f!["predicates"]![0]!["dimension"]!.GetValue<string>()));
        Assert.Equal(new[] { "tel:+15551230000", "tel:+15551230001" }, Values(segment[2]!.AsObject()));
    }

    [Fact]
    public async Task Parameter_filters_come_after_the_callers_own()
    {
        var body = await BuildAsync(new HistoryCriteria
        {
            QueryJson = """{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "purpose", "value": "agent"}]}], "order": "desc"}""",
            FilterJson = """{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "segmentType", "value": "interact"}]}]}""",
            MediaTypes = { "voice" },
        });
        Assert.Equal(new[] { "purpose", "segmentType", "mediaType" },
            Filters(body, "segmentFilters").Select(f => f!["predicates"]![0]!["dimension"]!.GetValue<string>()));
        Assert.Equal("desc", body["order"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_built_query_passes_the_modules_own_validator()
    {
        var query = await new HistoryCriteria
        {
            Queues = { Queue1 }, Users = { User1 }, WrapUpCodes = { Code1 }, MediaTypes = { "voice" }, Directions = { "inbound" },
            DivisionIds = { Division1 }, ConversationIds = { Conversation1 }, Anis = { "a" }, Dnises = { "d" }, MinimumDuration = TimeSpan.FromMinutes(1),
        }.BuildAsync(OfflineNames(), CancellationToken.None).Guarded();
        DetailsQuery.FromJson(Sent.Page(query, Window, 100, 1));
    }

    [Fact]
    public async Task BuildAsync_validates_first()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new HistoryCriteria { Directions = { "up" } }.BuildAsync(OfflineNames(), CancellationToken.None));
    }

    // ---- the live list (LiveConversations) ----

    [Fact]
    public async Task The_live_list_asks_for_conversations_without_an_end()
    {
        var query = await LiveConversations.BuildQueryAsync(new HistoryCriteria(), OfflineNames(), CancellationToken.None).Guarded();
        var body = JsonNode.Parse(Sent.Page(query, Window, 100, 1))!.AsObject();
        var filter = Assert.Single(Filters(body, "conversationFilters"))!;
        Assert.Equal("notExists", filter["predicates"]![0]!["operator"]!.GetValue<string>());
        Assert.Equal("conversationEnd", filter["predicates"]![0]!["dimension"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_live_list_by_queue_needs_the_same_segment_open_and_in_one_of_the_queues()
    {
        var criteria = new HistoryCriteria { Queues = { Queue1, Queue2 }, MediaTypes = { "Chat" }, Directions = { "Outbound" } };
        var query = await LiveConversations.BuildQueryAsync(criteria, OfflineNames(), CancellationToken.None).Guarded();
        var body = JsonNode.Parse(Sent.Page(query, Window, 100, 1))!.AsObject();

        var open = Filters(body, "segmentFilters").Single(f => f!["clauses"] != null)!;
        Assert.Equal("and", open["type"]!.GetValue<string>());
        Assert.Equal("segmentEnd", open["predicates"]![0]!["dimension"]!.GetValue<string>());
        Assert.Equal("notExists", open["predicates"]![0]!["operator"]!.GetValue<string>());
        var clause = Assert.Single(open["clauses"]!.AsArray())!;
        Assert.Equal("or", clause["type"]!.GetValue<string>());
        Assert.Equal(new[] { Queue1, Queue2 }, Values(clause.AsObject()));
        Assert.Equal(new[] { "chat" }, Values(Assert.Single(FiltersOn(body, "segmentFilters", "mediaType"))));
        Assert.Equal(new[] { "outbound" }, Values(Assert.Single(FiltersOn(body, "conversationFilters", "originatingDirection"))));
        DetailsQuery.FromJson(body.ToJsonString());
    }

    [Fact]
    public void The_live_list_window_reaches_back_to_the_start_of_a_UTC_day_30_days_ago()
    {
        var now = new DateTimeOffset(2026, 3, 15, 1, 30, 0, TimeSpan.FromHours(3));   // 2026-03-14 22:30 UTC
        var window = LiveConversations.ListWindow(now);
        Assert.Equal(new DateTimeOffset(2026, 2, 12, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(now.AddMinutes(1), window.End);
        Assert.True(window.Length <= ConversationDetailsReader.FilteredMaximum);
    }
}
