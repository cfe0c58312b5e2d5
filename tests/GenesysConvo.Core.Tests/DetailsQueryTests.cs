using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class DetailsQueryTests
{
    private static readonly TimeWindow Window = TimeWindow.Parse("2026-01-05T00:00:00Z/2026-01-06T00:00:00Z");

    // The official example body (docs/genesys-api.md §2.3), with a metric range predicate added.
    private const string OfficialExample = """
        {
          "interval": "2015-11-01T00:00:00.000Z/2015-11-02T00:00:00.000Z",
          "segmentFilters": [
            {"type": "or", "predicates": [
              {"dimension": "purpose", "value": "Customer"},
              {"dimension": "direction", "value": "outbound"}]}
          ],
          "conversationFilters": [
            {"type": "and", "predicates": [{"type": "metric", "metric": "tHandle", "range": {"gte": 1000, "lt": 60000}}]}
          ],
          "aggregations": [{"type": "termFrequency", "dimension": "wrapUpCode", "size": 10}],
          "order": "desc",
          "orderBy": "segmentStart",
          "paging": {"pageSize": 10, "pageNumber": 1}
        }
        """;

    // Genesys's own active-conversations-of-an-agent body (docs/genesys-api.md §2.3): clauses inside a segment filter.
    private const string ActiveAgentExample = """
        {
          "conversationFilters": [{"type": "and", "predicates": [
             {"type": "dimension", "dimension": "conversationEnd", "operator": "notExists"}]}],
          "segmentFilters": [{"type": "and", "clauses": [{"type": "and", "predicates": [
             {"type": "dimension", "dimension": "userId", "operator": "matches", "value": "u-1"},
             {"type": "dimension", "dimension": "segmentEnd", "operator": "notExists"},
             {"type": "dimension", "dimension": "segmentType", "operator": "matches", "value": "interact"},
             {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": "voice"}]}]}],
          "order": "desc", "orderBy": "conversationStart",
          "interval": "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z",
          "paging": {"pageSize": 25, "pageNumber": 1}
        }
        """;

    private static string QueryError(string json) => Assert.Throws<ArgumentException>(() => DetailsQuery.FromJson(json)).Message;

    /// <summary>A -Query body with one filter of <paramref name="kind"/> holding <paramref name="filterJson"/>.</summary>
    private static string WithFilter(string filterJson, string kind = "segmentFilters") => $"{{\"{kind}\": [{filterJson}]}}";

    private static string WithPredicate(string predicateJson, string kind = "segmentFilters") =>
        WithFilter($"{{\"type\": \"and\", \"predicates\": [{predicateJson}]}}", kind);

    private static JsonObject Sent(DetailsQuery query, int? pageSize = 100, int? pageNumber = 1, bool forJob = false) =>
        JsonNode.Parse(Json(query, pageSize, pageNumber, forJob))!.AsObject();

    /// <summary>The body the engine sends for one page (or a job) of <see cref="Window"/>.</summary>
    private static string Json(DetailsQuery query, int? pageSize = 100, int? pageNumber = 1, bool forJob = false) => forJob
        ? JsonSerializer.Serialize(query.ForJob(Window), ApiJson.Default.AsyncConversationQuery)
        : GenesysConvo.Core.Tests.Sent.Page(query, Window, pageSize, pageNumber ?? 1);

    private static JsonNode? Node(QueryPredicate predicate) => JsonSerializer.SerializeToNode(predicate, ApiJson.Default.QueryPredicate);

    // ---- FromJson: whole bodies ----

    [Theory]
    [InlineData("dateFrom", "one 'interval'")]
    [InlineData("dateTo", "one 'interval'")]
    [InlineData("select", "no projection")]
    [InlineData("where", "conversationFilters / segmentFilters")]
    [InlineData("view", "conversationFilters / segmentFilters")]
    [InlineData("pageToken", "paging.pageNumber, not by token")]
    [InlineData("nextPageToken", "paging.pageNumber, not by token")]
    [InlineData("cursor", "async job results")]
    [InlineData("size", "-PageSize")]
    [InlineData("pageSize", "-PageSize")]
    [InlineData("DATEFROM", "one 'interval'")]
    public void Tutorial_fields_are_named_with_what_the_real_schema_uses(string field, string fix)
    {
        var message = QueryError($"{{\"{field}\": \"x\"}}");
        Assert.StartsWith("-Query has '" + field + "', which is not a field of the API's ConversationQuery", message);
        Assert.Contains(fix, message);
    }

    [Fact]
    public void An_unknown_field_lists_the_real_fields()
    {
        var message = QueryError("""{"interval": "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z", "filters": []}""");
        Assert.Contains("'filters'", message);
        Assert.Contains("Use only: conversationFilters, segmentFilters, evaluationFilters, surveyFilters, resolutionFilters, interval, order, orderBy, aggregations, paging", message);
    }

    [Fact]
    public void Field_names_are_case_sensitive_as_in_the_API()
    {
        Assert.Contains("'SegmentFilters'", QueryError("""{"SegmentFilters": []}"""));
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("\"interval\"", "must be a JSON object")]
    public void The_body_must_be_a_JSON_object(string json, string expected)
    {
        Assert.Contains(expected, QueryError(json));
    }

    [Fact]
    public void The_source_name_prefixes_the_error()
    {
        var e = Assert.Throws<ArgumentException>(() => DetailsQuery.FromJson("""{"segmentFilters": {}}""", "-Body"));
        Assert.Equal("-Body: 'segmentFilters' must be an array of filters.", e.Message);
    }

    [Theory]
    [InlineData("""{"order": "ascending"}""", "'order' must be asc, desc or unordered.")]
    [InlineData("""{"order": 1}""", "'order' must be asc, desc or unordered.")]
    [InlineData("""{"orderBy": "startTime"}""", "'orderBy' must be conversationStart, conversationEnd, segmentStart or segmentEnd.")]
    public void Order_and_orderBy_take_only_the_API_values(string json, string expected)
    {
        Assert.Equal("-Query: " + expected, QueryError(json));
    }

    // ---- FromJson: filters ----

    [Fact]
    public void A_filter_kind_must_be_an_array()
    {
        Assert.Equal("-Query: 'conversationFilters' must be an array of filters.", QueryError("""{"conversationFilters": {"type": "and"}}"""));
    }

    [Fact]
    public void A_filter_must_be_an_object()
    {
        Assert.Contains("a filter in 'segmentFilters' must be an object {type, predicates, clauses}", QueryError(WithFilter("\"queueId\"")));
    }

    [Theory]
    [InlineData("""{"predicates": [{"dimension": "queueId", "value": "q"}]}""")]
    [InlineData("""{"type": "xor", "predicates": [{"dimension": "queueId", "value": "q"}]}""")]
    [InlineData("""{"type": 1, "predicates": [{"dimension": "queueId", "value": "q"}]}""")]
    public void A_filter_needs_type_and_or_or(string filter)
    {
        Assert.Equal("-Query: a filter in 'segmentFilters' needs \"type\": \"and\" or \"or\".", QueryError(WithFilter(filter)));
    }

    [Fact]
    public void A_filter_needs_predicates_or_clauses()
    {
        Assert.Contains("has neither 'predicates' nor 'clauses'", QueryError(WithFilter("""{"type": "and"}""")));
    }

    [Fact]
    public void A_filter_has_no_other_keys()
    {
        // A predicate written where the filter should be.
        var message = QueryError(WithFilter("""{"type": "and", "predicates": [{"dimension": "queueId", "value": "q"}], "dimension": "queueId"}"""));
        Assert.Contains("has 'dimension'; a filter has only type, predicates and clauses", message);
    }

    [Theory]
    [InlineData("""{"type": "and", "predicates": []}""")]
    [InlineData("""{"type": "and", "predicates": {"dimension": "queueId", "value": "q"}}""")]
    public void Predicates_must_be_a_non_empty_array(string filter)
    {
        Assert.Contains("'predicates' must be a non-empty array", QueryError(WithFilter(filter)));
    }

    [Fact]
    public void A_predicate_must_be_an_object()
    {
        Assert.Contains("each predicate must be an object", QueryError(WithPredicate("\"queueId\"")));
    }

    [Fact]
    public void A_predicate_needs_a_dimension_or_a_metric()
    {
        Assert.Contains("a predicate needs a 'dimension' or a 'metric'", QueryError(WithPredicate("""{"value": "q"}""")));
    }

    [Theory]
    [InlineData("equals")]
    [InlineData("eq")]
    [InlineData("Matches")]
    public void An_operator_outside_matches_exists_notExists_is_refused(string op)
    {
        var message = QueryError(WithPredicate($"{{\"dimension\": \"queueId\", \"operator\": \"{op}\", \"value\": \"q\"}}"));
        Assert.Contains($"operator '{op}' is not one of matches, exists, notExists", message);
    }

    [Theory]
    [InlineData("""{"dimension": "queueId"}""", "queueId")]
    [InlineData("""{"dimension": "queueId", "operator": "matches"}""", "queueId")]
    [InlineData("""{"metric": "tSegmentDuration"}""", "tSegmentDuration")]
    public void Matches_without_value_or_range_is_refused_naming_the_dimension(string predicate, string name)
    {
        var message = QueryError(WithPredicate(predicate));
        Assert.Contains($"the predicate on '{name}' matches nothing", message);
        Assert.Contains("exists/notExists", message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("[\"a\"]")]
    [InlineData("{\"id\": \"a\"}")]
    public void A_value_must_be_a_string(string value)
    {
        var message = QueryError(WithPredicate($"{{\"dimension\": \"queueId\", \"value\": {value}}}"));
        Assert.Contains("'value' of 'queueId' must be a string", message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"between\": 1}")]
    [InlineData("{\"gte\": \"5\"}")]
    [InlineData("{\"gte\": 1, \"max\": 2}")]
    [InlineData("5")]
    [InlineData("[1, 2]")]
    public void A_range_must_be_an_object_of_numeric_bounds(string range)
    {
        var message = QueryError(WithPredicate($"{{\"metric\": \"tHandle\", \"range\": {range}}}", "conversationFilters"));
        Assert.Contains("'range' must be an object of numbers with gt, gte, lt or lte", message);
    }

    [Theory]
    [InlineData("queueId")]
    [InlineData("userId")]
    [InlineData("mediaType")]
    [InlineData("WRAPUPCODE")]
    public void A_segment_dimension_under_conversationFilters_is_sent_to_segmentFilters(string dimension)
    {
        var message = QueryError(WithPredicate($"{{\"dimension\": \"{dimension}\", \"value\": \"x\"}}", "conversationFilters"));
        Assert.Contains($"'{dimension}' is a segment dimension, not a conversation one: put this predicate under segmentFilters", message);
    }

    [Theory]
    [InlineData("divisionId")]
    [InlineData("originatingDirection")]
    [InlineData("conversationEnd")]
    public void A_conversation_dimension_under_segmentFilters_is_sent_to_conversationFilters(string dimension)
    {
        var message = QueryError(WithPredicate($"{{\"dimension\": \"{dimension}\", \"value\": \"x\"}}"));
        Assert.Contains($"'{dimension}' is a conversation dimension, not a segment one: put this predicate under conversationFilters", message);
    }

    [Fact]
    public void A_dimension_of_both_levels_is_accepted_at_either()
    {
        DetailsQuery.FromJson(WithPredicate("""{"dimension": "conversationId", "value": "c"}""", "conversationFilters"));
        DetailsQuery.FromJson(WithPredicate("""{"dimension": "conversationId", "value": "c"}"""));
    }

    [Fact]
    public void Level_checks_apply_only_to_conversation_and_segment_filters()
    {
        DetailsQuery.FromJson(WithPredicate("""{"dimension": "queueId", "value": "q"}""", "evaluationFilters"));
        DetailsQuery.FromJson(WithPredicate("""{"dimension": "divisionId", "value": "d"}""", "surveyFilters"));
    }

    [Theory]
    [InlineData("""{"type": "and", "clauses": {"type": "or"}}""", "'clauses' must be an array.")]
    [InlineData("""{"type": "and", "clauses": ["x"]}""", "each clause must be an object {type, predicates}.")]
    [InlineData("""{"type": "and", "clauses": [{"predicates": [{"dimension": "queueId", "value": "q"}]}]}""", "a filter in 'segmentFilters', clause needs \"type\": \"and\" or \"or\".")]
    [InlineData("""{"type": "and", "clauses": [{"type": "or"}]}""", "clause: 'predicates' must be a non-empty array.")]
    [InlineData("""{"type": "and", "clauses": [{"type": "or", "predicates": [{"dimension": "queueId", "operator": "like", "value": "q"}]}]}""", "clause: operator 'like' is not one of")]
    [InlineData("""{"type": "and", "clauses": [{"type": "or", "predicates": [{"dimension": "divisionId", "value": "d"}]}]}""", "clause: 'divisionId' is a conversation dimension")]
    public void Clauses_are_checked_like_filters(string filter, string expected)
    {
        Assert.Contains(expected, QueryError(WithFilter(filter)));
    }

    [Theory]
    [InlineData(OfficialExample)]
    [InlineData(ActiveAgentExample)]
    [InlineData("{}")]
    [InlineData("""{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "wrapUpCode", "operator": "exists"}]}]}""")]
    [InlineData("""{"segmentFilters": [{"type": "or", "predicates": [{"type": "property", "propertyType": "string", "property": "skill", "value": "x"}]}]}""")]
    [InlineData("""{"conversationFilters": [{"type": "and", "predicates": [{"metric": "tConversationDuration", "range": {"gt": 0.5}}]}], "order": "unordered", "orderBy": "conversationEnd"}""")]
    [InlineData("""{"surveyFilters": [], "resolutionFilters": [], "evaluationFilters": []}""")]
    public void Valid_bodies_pass(string json)
    {
        DetailsQuery.FromJson(json);
    }

    // ---- Interval and HasFilters ----

    [Fact]
    public void Interval_is_read_from_the_body()
    {
        Assert.Equal(TimeWindow.Parse("2026-01-01T00:00:00Z/2026-01-02T00:00:00Z"), DetailsQuery.FromJson(ActiveAgentExample).Interval);
        Assert.Null(DetailsQuery.FromJson("{}").Interval);
        Assert.Null(DetailsQuery.Empty().Interval);
    }

    [Fact]
    public void A_malformed_interval_in_the_body_is_an_argument_error_naming_the_form()
    {
        var query = DetailsQuery.FromJson("""{"interval": "last week"}""");
        var e = Assert.Throws<ArgumentException>(() => query.Interval);
        Assert.Contains("start/end", e.Message);
    }

    [Fact]
    public void HasFilters_is_true_only_with_at_least_one_filter()
    {
        Assert.False(DetailsQuery.Empty().HasFilters);
        Assert.False(DetailsQuery.FromJson("""{"segmentFilters": [], "conversationFilters": []}""").HasFilters);
        Assert.True(DetailsQuery.FromJson(WithPredicate("""{"dimension": "queueId", "value": "q"}""")).HasFilters);
        Assert.True(DetailsQuery.FromJson(WithPredicate("""{"dimension": "queueId", "value": "q"}""", "evaluationFilters")).HasFilters);

        var query = DetailsQuery.Empty();
        query.Add(DetailsFilterKind.Segment, QueryFilters.AnyOf("queueId", Array.Empty<string>()));
        Assert.False(query.HasFilters);   // a parameter with no values adds no filter
        query.Add(DetailsFilterKind.Segment, QueryFilters.AnyOf("queueId", new[] { "q" }));
        Assert.True(query.HasFilters);
    }

    // ---- The bodies sent (ForPage, ForJob) ----

    [Fact]
    public void The_body_sent_sets_interval_and_paging_and_keeps_the_callers_filters_aggregations_and_order()
    {
        var original = JsonNode.Parse(OfficialExample)!.AsObject();
        var sent = Sent(DetailsQuery.FromJson(OfficialExample), 50, 3);

        Assert.Equal("2026-01-05T00:00:00.000Z/2026-01-06T00:00:00.000Z", sent["interval"]!.GetValue<string>());
        Assert.Equal(50, sent["paging"]!["pageSize"]!.GetValue<int>());
        Assert.Equal(3, sent["paging"]!["pageNumber"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(original["segmentFilters"], sent["segmentFilters"]));
        Assert.True(JsonNode.DeepEquals(original["conversationFilters"], sent["conversationFilters"]));
        Assert.True(JsonNode.DeepEquals(original["aggregations"], sent["aggregations"]));
        Assert.Equal("desc", sent["order"]!.GetValue<string>());
        Assert.Equal("segmentStart", sent["orderBy"]!.GetValue<string>());
    }

    [Fact]
    public void The_body_sent_defaults_to_ascending_by_conversation_start_and_page_one()
    {
        var sent = Sent(DetailsQuery.Empty(), 25, null);
        Assert.Equal("asc", sent["order"]!.GetValue<string>());
        Assert.Equal("conversationStart", sent["orderBy"]!.GetValue<string>());
        Assert.Equal(1, sent["paging"]!["pageNumber"]!.GetValue<int>());
        Assert.Equal(25, sent["paging"]!["pageSize"]!.GetValue<int>());
        Assert.False(sent.ContainsKey("segmentFilters"));
        Assert.False(sent.ContainsKey("conversationFilters"));
    }

    [Fact]
    public void The_body_sent_without_a_page_size_sends_no_paging_of_its_own()
    {
        Assert.False(Sent(DetailsQuery.Empty(), null, null).ContainsKey("paging"));
    }

    [Fact]
    public void The_body_sent_for_a_job_strips_paging_and_aggregations_but_keeps_filters_and_order()
    {
        var sent = Sent(DetailsQuery.FromJson(OfficialExample), 100, 2, forJob: true);
        Assert.False(sent.ContainsKey("paging"));
        Assert.False(sent.ContainsKey("aggregations"));
        Assert.Equal(Window.ToInterval(), sent["interval"]!.GetValue<string>());
        Assert.NotNull(sent["segmentFilters"]);
        Assert.Equal("desc", sent["order"]!.GetValue<string>());
    }

    [Fact]
    public void The_body_sent_does_not_change_the_query()
    {
        var query = DetailsQuery.FromJson(OfficialExample);
        Sent(query, 10, 7, forJob: true);
        var again = Sent(query, 10, 2);
        Assert.Equal(2, again["paging"]!["pageNumber"]!.GetValue<int>());
        Assert.NotNull(again["aggregations"]);
    }

    [Fact]
    public void What_is_sent_passes_the_validator_again()
    {
        var query = DetailsQuery.FromJson(ActiveAgentExample);
        query.Add(DetailsFilterKind.Conversation, QueryFilters.AllOf(QueryFilters.MetricAtLeast("tConversationDuration", 60000)));
        var resent = DetailsQuery.FromJson(Json(query, 100, 1));
        Assert.Equal(Window, resent.Interval);
    }

    // ---- AddFilters (-Filter) ----

    [Fact]
    public void AddFilters_appends_after_the_callers_filters_in_order()
    {
        var query = DetailsQuery.FromJson(WithPredicate("""{"dimension": "queueId", "value": "q1"}"""));
        query.AddFilters("""{"segmentFilters": [{"type": "or", "predicates": [{"dimension": "ani", "value": "tel:+1"}]}]}""");
        var filters = Sent(query)["segmentFilters"]!.AsArray();
        Assert.Equal(2, filters.Count);
        Assert.Equal("queueId", filters[0]!["predicates"]![0]!["dimension"]!.GetValue<string>());
        Assert.Equal("ani", filters[1]!["predicates"]![0]!["dimension"]!.GetValue<string>());
        Assert.Equal("or", filters[1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void AddFilters_accepts_one_filter_per_kind_without_an_array()
    {
        var query = DetailsQuery.Empty();
        query.AddFilters("""{"conversationFilters": {"type": "and", "predicates": [{"dimension": "divisionId", "value": "d"}]}, "evaluationFilters": []}""");
        var sent = Sent(query);
        Assert.Single(sent["conversationFilters"]!.AsArray());
        Assert.Equal("divisionId", sent["conversationFilters"]![0]!["predicates"]![0]!["dimension"]!.GetValue<string>());
        Assert.True(query.HasFilters);
    }

    [Fact]
    public void AddFilters_refuses_a_bare_filter_saying_where_it_goes()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            DetailsQuery.Empty().AddFilters("""{"type": "and", "predicates": [{"dimension": "queueId", "value": "q"}]}"""));
        Assert.Contains("-Filter must say where each filter goes", e.Message);
        Assert.Contains("segmentFilters = @(<filter>)", e.Message);
    }

    [Theory]
    [InlineData("""{"filters": []}""", "-Filter has 'filters'; use one of conversationFilters, segmentFilters")]
    [InlineData("""[{"type": "and"}]""", "-Filter must be an object keyed by filter kind")]
    [InlineData("{oops", "-Filter takes filters in the API's structure keyed by filter kind, as a hashtable or its JSON text, but the text given is not valid JSON (it stops being JSON at line 1, character 2). For example: -Filter @{ segmentFilters")]
    [InlineData("""{"segmentFilters": [{"type": "and", "predicates": [{"dimension": "divisionId", "value": "d"}]}]}""", "-Filter: a filter in 'segmentFilters': 'divisionId' is a conversation dimension")]
    [InlineData("""{"segmentFilters": null}""", "-Filter: a filter in 'segmentFilters' must be an object")]
    public void AddFilters_errors_name_the_fix(string json, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => DetailsQuery.Empty().AddFilters(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Clone_is_independent_of_the_original()
    {
        var query = DetailsQuery.Empty();
        var clone = query.Clone();
        clone.Add(DetailsFilterKind.Conversation, QueryFilters.AllOf(QueryFilters.NotExists("conversationEnd")));
        Assert.True(clone.HasFilters);
        Assert.False(query.HasFilters);
    }

    [Fact]
    public void Predicate_builders_make_the_API_shapes()
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"dimension","dimension":"queueId","operator":"matches","value":"q"}"""), Node(QueryFilters.Matches("queueId", "q"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"dimension","dimension":"conversationEnd","operator":"notExists"}"""), Node(QueryFilters.NotExists("conversationEnd"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"dimension","dimension":"conversationEnd","operator":"exists"}"""), Node(QueryFilters.Exists("conversationEnd"))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"metric","metric":"tHandle","range":{"gte":5}}"""), Node(QueryFilters.MetricAtLeast("tHandle", 5))));
    }
}
