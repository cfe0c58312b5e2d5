using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Parameters that take one of a known set of values refuse any other with the list, before any request, in
/// the engine where the value is read (a typo such as -MediaType phone otherwise matches nothing, silently).</summary>
public class ClosedSetTests
{
    private static readonly TimeWindow Day = TimeWindow.Parse("2026-03-02T00:00:00Z/2026-03-03T00:00:00Z");

    public static TheoryData<string> MediaTypes => new(ConversationCriteria.KnownMediaTypes);

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public void Every_known_media_type_passes_in_any_case(string mediaType)
    {
        new ConversationCriteria { MediaTypes = { mediaType, mediaType.ToUpperInvariant() } }.CheckValues();
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("calls")]
    [InlineData("sms")]
    [InlineData("voice ")]
    public void An_unknown_media_type_is_refused_with_the_list(string mediaType)
    {
        var e = Assert.Throws<ArgumentException>(() => new ConversationCriteria { MediaTypes = { "voice", mediaType } }.CheckValues());
        Assert.Equal($"-MediaType '{mediaType}' is not a media type of the analytics API. Use one of: callback, chat, cobrowse, "
                     + "email, internalmessage, message, screenmonitoring, screenshare, unknown, video, voice.", e.Message);
    }

    [Fact]
    public void History_live_and_metrics_all_check_the_media_type()
    {
        Assert.Contains("-MediaType 'phone'", Assert.Throws<ArgumentException>(
            () => new HistoryCriteria { MediaTypes = { "phone" } }.Validate()).Message);
        Assert.Contains("-MediaType 'phone'", Assert.Throws<ArgumentException>(
            () => LiveConversations.BuildQueryAsync(new ConversationCriteria { MediaTypes = { "phone" } }, new NameResolver(null!), default)
                .GetAwaiter().GetResult()).Message);
        Assert.Contains("-MediaType 'phone'", Assert.Throws<ArgumentException>(
            () => ConversationMetrics.Validate(new MetricRequest { Window = Day, MediaTypes = { "phone" } })).Message);
    }

    [Fact]
    public void Metrics_check_the_direction_too()
    {
        Assert.Equal("Direction 'incoming' is not inbound or outbound.", Assert.Throws<ArgumentException>(
            () => ConversationMetrics.Validate(new MetricRequest { Window = Day, Directions = { "incoming" } })).Message);
        ConversationMetrics.Validate(new MetricRequest { Window = Day, Directions = { "INBOUND" }, MediaTypes = { "Voice" } });
    }

    [Fact]
    public void A_metric_query_body_groups_only_by_known_dimensions_in_the_APIs_spelling()
    {
        var e = Assert.Throws<ArgumentException>(
            () => ConversationMetrics.Validate(new MetricRequest { Window = Day, QueryJson = """{"groupBy": ["queueName"]}""" }));
        Assert.StartsWith("'queueName' is not a dimension the aggregates API groups by. Use one of: activeRouting, ", e.Message);
    }

    [Theory]
    [InlineData("Participant", HistoryExpansion.Participant)]
    [InlineData("session", HistoryExpansion.Session)]
    [InlineData(" SEGMENT ", HistoryExpansion.Segment)]
    [InlineData(null, HistoryExpansion.None)]
    public void Expand_takes_the_three_levels_in_any_case(string? value, HistoryExpansion expected)
    {
        Assert.Equal(expected, HistorySearch.ParseExpansion(value));
    }

    [Theory]
    [InlineData("Segments")]
    [InlineData("None")]
    [InlineData("1")]
    [InlineData("Conversation")]
    public void Expand_refuses_anything_else_with_the_list(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => HistorySearch.ParseExpansion(value));
        Assert.Equal($"-Expand '{value}' is not one of: Participant, Session, Segment.", e.Message);
    }

    [Theory]
    [InlineData("get", "GET")]
    [InlineData("Post", "POST")]
    [InlineData("DELETE", "DELETE")]
    public void Method_takes_the_APIs_methods_in_any_case(string name, string expected)
    {
        Assert.Equal(expected, RawRequest.Method(name).Method);
    }

    [Theory]
    [InlineData("FETCH")]
    [InlineData("HEAD")]
    [InlineData("GET /api/v2/users")]
    public void Method_refuses_anything_else_with_the_list(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => RawRequest.Method(name));
        Assert.Equal($"-Method '{name}' is not one of: GET, POST, PUT, PATCH, DELETE.", e.Message);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("15")]
    [InlineData("1.5")]
    public void A_bare_number_is_not_a_granularity(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => Granularity.Parse(text));
        Assert.Contains($"'{text}' is not a granularity", e.Message);
        Assert.Contains("PT15M, PT30M, PT1H, P1D, P7D or P1M", e.Message);
        Assert.Contains("00:30:00", e.Message);
    }

    [Fact]
    public void A_zero_granularity_shows_the_valid_forms()
    {
        Assert.Contains("PT15M, PT30M, PT1H, P1D, P7D or P1M", Assert.Throws<ArgumentException>(() => Granularity.Parse("PT0M")).Message);
    }
}
