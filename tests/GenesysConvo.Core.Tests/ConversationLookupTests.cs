using System.Text.Json.Nodes;
using GenesysConvo.Core.Conversations.Lookup;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Get-GenesysConversation's engine: which ids it accepts, and how an analytics record that has not caught up
/// is merged with the live API's newer facts (cases the emulator cannot stage: a second agent only the live API knows,
/// unknown fields).</summary>
public class ConversationLookupTests
{
    private const string Id = "6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60";
    private const string U1 = "bbbbbbbb-0000-0000-0000-000000000001";
    private const string U2 = "bbbbbbbb-0000-0000-0000-000000000002";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Id)]
    [InlineData("6A1C5E1E-2F33-4F6A-9D0E-1B2C3D4E5F60")]
    [InlineData("{6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60}")]
    [InlineData(" 6a1c5e1e2f334f6a9d0e1b2c3d4e5f60 ")]
    public void An_id_in_any_GUID_form_is_read_as_the_API_writes_it(string value) =>
        Assert.Equal(Id, ConversationLookup.ReadId(value));

    [Theory]
    [InlineData("INC-4711")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused_naming_the_value_and_the_fix(string? value)
    {
        var e = Assert.Throws<ArgumentException>(() => ConversationLookup.ReadId(value));
        Assert.Contains($"'{value}' is not a conversation id", e.Message);
        Assert.Contains("GUID", e.Message);
    }

    [Fact]
    public void Ids_go_in_batches_of_100_in_input_order()
    {
        var ids = Enumerable.Range(0, 250).Select(i => i.ToString()).ToList();
        var batches = ConversationLookup.Batches(ids).ToList();
        Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Count));
        Assert.Equal(ids, batches.SelectMany(b => b));
    }

    [Fact]
    public async Task The_live_API_end_and_its_new_agent_win_over_an_open_analytics_record()
    {
        var analytics = $$"""
            {"conversations": [{"conversationId": "{{Id}}", "conversationStart": "{{TimeWindow.Format(Start)}}", "newField": {"x": 1},
              "participants": [{"participantId": "p-a", "purpose": "agent", "userId": "{{U1}}",
                "sessions": [{"sessionId": "s-a", "mediaType": "voice",
                  "segments": [{"segmentStart": "{{TimeWindow.Format(Start)}}", "segmentType": "interact"}]}]}]}]}
            """;
        var live = $$"""
            {"id": "{{Id}}", "startTime": "{{TimeWindow.Format(Start)}}", "endTime": "{{TimeWindow.Format(Start.AddMinutes(9))}}",
             "participants": [
               {"id": "p-c", "purpose": "customer", "ani": "tel:+1555", "calls": [{"id": "s-c", "state": "disconnected", "disconnectType": "client"}]},
               {"id": "p-a", "purpose": "agent", "userId": "{{U1}}", "calls": [{"id": "s-a", "state": "disconnected"}]},
               {"id": "p-b", "purpose": "agent", "userId": "{{U2}}", "calls": [{"id": "s-b", "state": "disconnected", "newState": "x"}]}]}
            """;
        var http = AnalyticsEndToEndTests.Server((path, _) =>
            path.StartsWith("/api/v2/analytics/conversations/details?", StringComparison.Ordinal) ? analytics
            : path == "/api/v2/conversations/" + Id ? live
            : path.StartsWith("/api/v2/users?", StringComparison.Ordinal) ? $$"""{"entities": [{"id": "{{U1}}", "name": "Alice"}, {"id": "{{U2}}", "name": "Bob"}]}"""
            : null);
        var api = await AnalyticsEndToEndTests.ConnectAsync(http);
        var written = new List<object>();

        var batch = await ConversationLookup.LookupBatchAsync(api, new NameResolver(api), new[] { Id }, HistoryExpansion.None,
            written.Add, CancellationToken.None).Guarded();

        var record = Assert.IsType<ConversationRecord>(Assert.Single(written));
        Assert.Equal(ConversationSource.Both, record.Source);
        Assert.Equal(Start.AddMinutes(9), record.EndTime);
        Assert.False(record.IsActive);
        Assert.Equal(TimeSpan.FromMinutes(9), record.Duration);
        Assert.Equal($"{U1}; {U2}", record.AgentId);
        Assert.Equal("Alice; Bob", record.Agent);
        Assert.Equal("client", record.DisconnectType);
        Assert.Equal(ConversationStep.Ended, record.Live!.Step);
        Assert.Null(record.Detail!.ConversationEnd);
        Assert.Equal((1, 1, 1), (batch.AnalyticsRequests, batch.LiveRequests, batch.FromBoth));
        Assert.Empty(batch.Missing);
    }
}
