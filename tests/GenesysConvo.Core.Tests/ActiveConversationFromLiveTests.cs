using System.Text.Json;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>The live state read from GET /api/v2/conversations/{id}, deserialized as the engine does from JSON in the
/// real Conversation shape (media arrays calls, chats, emails, messages, callbacks on each participant).</summary>
public class ActiveConversationFromLiveTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 5, 0, TimeSpan.Zero);

    private static readonly Dictionary<(NameKind, string), string> s_names = new()
    {
        [(NameKind.User, "u1")] = "Alice",
        [(NameKind.User, "u2")] = "Bob",
        [(NameKind.Queue, "q2")] = "Support",
        [(NameKind.WrapUpCode, "w1")] = "Resolved",
    };

    private static string? NameOf(NameKind kind, string? id) => id != null && s_names.TryGetValue((kind, id), out var name) ? name : null;

    private const string Customer = """
        {"id": "p-cust", "purpose": "customer", "name": "Jane Doe", "address": "tel:+15551230000", "ani": "tel:+15551230000",
         "startTime": "2026-03-01T10:00:00Z", "calls": [{"id": "call-c", "state": "connected", "direction": "inbound", "recording": true}]}
        """;

    private static string Ivr(string state) => $$"""
        {"id": "p-ivr", "purpose": "ivr", "name": "Main IVR", "startTime": "2026-03-01T10:00:01Z", "calls": [{"state": "{{state}}", "direction": "inbound"}]}
        """;

    private static string Acd(string state, string queueId = "q1") => $$"""
        {"id": "p-acd", "purpose": "acd", "name": "Sales", "queueId": "{{queueId}}", "queueName": "Sales", "startTime": "2026-03-01T10:01:00Z",
         "calls": [{"state": "{{state}}", "direction": "inbound"}]}
        """;

    private static string Agent(string userId, string call, string extra = "") => $$"""
        {"id": "p-{{userId}}", "purpose": "agent", "userId": "{{userId}}", "name": "Agent {{userId}}", "queueId": "q1", "startTime": "2026-03-01T10:02:00Z"{{extra}},
         "calls": [{{call}}]}
        """;

    private static Conversation LiveConversation(string? endTime, params string[] participants) =>
        JsonSerializer.Deserialize($$"""
            {"id": "c-1", "startTime": "2026-03-01T10:00:00Z", {{(endTime is null ? "" : $"\"endTime\": \"{endTime}\",")}}
             "recordingState": "active", "divisions": [{"division": {"id": "div-1", "selfUri": "/x"}, "entities": [{"id": "c-1"}]}],
             "participants": [{{string.Join(",", participants)}}]}
            """, ApiJson.Default.Conversation)!;

    private static ActiveConversation Map(Conversation dto) => new ActiveConversationBuilder(NameOf, Now).FromLive(dto);

    [Fact]
    public void An_agent_alerting()
    {
        var live = Map(LiveConversation(null, Customer, Ivr("disconnected"), Acd("connected"), Agent("u1", """{"state": "alerting", "direction": "inbound"}""")));
        Assert.Equal(ConversationStep.Alerting, live.Step);
        Assert.Equal("u1", live.AgentId);
        Assert.Equal("Alice", live.Agent);              // the directory name wins over the participant name
        Assert.Equal("q1", live.QueueId);
        Assert.Equal("c-1", live.ConversationId);
        Assert.Equal("inbound", live.Direction);
        Assert.Equal("tel:+15551230000", live.CustomerAddress);
        Assert.Equal("active", live.RecordingState);
        Assert.Equal("div-1", live.DivisionId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), live.StartTime);
        Assert.Equal(TimeSpan.FromMinutes(5), live.LiveFor);
        Assert.Null(live.EndTime);
        Assert.Equal(4, live.Participants.Count);
        Assert.Equal("alerting", live.Participants[3].Communications.Single().State);
    }

    [Theory]
    [InlineData("offering", ConversationStep.Alerting)]
    [InlineData("dialing", ConversationStep.Alerting)]
    [InlineData("contacting", ConversationStep.Alerting)]
    [InlineData("connected", ConversationStep.Talking)]
    [InlineData("CONNECTED", ConversationStep.Talking)]
    public void The_agents_open_communication_state_gives_the_step(string state, ConversationStep expected)
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"), Agent("u1", $$"""{"state": "{{state}}"}""")));
        Assert.Equal(expected, live.Step);
    }

    [Fact]
    public void A_held_call_is_on_hold()
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"), Agent("u1", """{"state": "connected", "held": true}""")));
        Assert.Equal(ConversationStep.OnHold, live.Step);
        Assert.True(live.Participants.Last().Communications.Single().Held);
    }

    [Theory]
    [InlineData("pending")]
    public void A_disconnected_agent_with_after_call_work_pending_is_in_after_call_work(string acwState)
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"),
            Agent("u1", $$"""{"state": "disconnected", "afterCallWork": {"state": "{{acwState}}", "startTime": "2026-03-01T10:04:00Z"}, "afterCallWorkRequired": true}""")));
        Assert.Equal(ConversationStep.AfterCallWork, live.Step);
        Assert.Equal("u1", live.AgentId);
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("skipped")]
    [InlineData("notApplicable")]   // an agent who let it ring out has none to do
    public void Finished_or_inapplicable_after_call_work_is_not_after_call_work(string acwState)
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"), Agent("u1", $$$"""{"state": "disconnected", "afterCallWork": {"state": "{{{acwState}}}"}}""")));
        Assert.NotEqual(ConversationStep.AfterCallWork, live.Step);
    }

    [Fact]
    public void Wrap_up_required_without_a_wrap_up_is_after_call_work()
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"), Agent("u1", """{"state": "disconnected"}""", ", \"wrapupRequired\": true")));
        Assert.Equal(ConversationStep.AfterCallWork, live.Step);
    }

    [Fact]
    public void Wrap_up_required_and_given_is_done_and_names_the_code()
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"),
            Agent("u1", """{"state": "disconnected"}""", ", \"wrapupRequired\": true, \"wrapup\": {\"code\": \"w1\", \"notes\": \"ok\"}")));
        Assert.NotEqual(ConversationStep.AfterCallWork, live.Step);
        Assert.Equal("Resolved", live.WrapUpCode);   // named through the directory when the API sends only the code
        Assert.Equal("w1", live.Participants.Last().WrapUpCode);
    }

    [Fact]
    public void A_connected_ACD_without_an_agent_is_waiting_in_queue()
    {
        var live = Map(LiveConversation(null, Customer, Ivr("disconnected"), Acd("connected")));
        Assert.Equal(ConversationStep.WaitingInQueue, live.Step);
        Assert.Equal("q1", live.QueueId);
        Assert.Equal("Sales", live.Queue);
        Assert.Null(live.AgentId);
        Assert.Null(live.Agent);
    }

    [Fact]
    public void A_queue_without_a_name_in_the_record_is_named_through_the_directory()
    {
        var acd = """{"id": "p-acd", "purpose": "acd", "queueId": "q2", "calls": [{"state": "connected"}]}""";
        var live = Map(LiveConversation(null, Customer, acd));
        Assert.Equal("Support", live.Queue);
    }

    [Fact]
    public void A_connected_IVR_alone_is_in_IVR()
    {
        var live = Map(LiveConversation(null, Customer, Ivr("connected")));
        Assert.Equal(ConversationStep.InIvr, live.Step);
        Assert.Null(live.QueueId);
    }

    [Fact]
    public void An_end_time_means_ended_whatever_the_states()
    {
        var live = Map(LiveConversation("2026-03-01T10:03:30Z", Customer, Agent("u1", """{"state": "connected"}""")));
        Assert.Equal(ConversationStep.Ended, live.Step);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 3, 30, TimeSpan.Zero), live.EndTime);
        Assert.Equal(TimeSpan.FromSeconds(210), live.LiveFor);
    }

    [Fact]
    public void Terminated_communications_are_closed()
    {
        var live = Map(LiveConversation(null, Customer, Ivr("terminated"), Acd("terminated")));
        Assert.Equal(ConversationStep.Unknown, live.Step);
    }

    [Fact]
    public void A_re_routed_alert_shows_the_agent_alerted_now_not_the_one_who_missed_it()
    {
        var live = Map(LiveConversation(null, Customer, Acd("connected"),
            Agent("u1", """{"state": "disconnected", "disconnectType": "noAnswerTransfer"}"""),
            Agent("u2", """{"state": "alerting"}""")));
        Assert.Equal(ConversationStep.Alerting, live.Step);
        Assert.Equal("u2", live.AgentId);
        Assert.Equal("Bob", live.Agent);
    }

    [Fact]
    public void A_re_routed_call_answered_by_the_second_agent_is_talking_with_that_agent()
    {
        var live = Map(LiveConversation(null, Customer, Acd("disconnected"),
            Agent("u1", """{"state": "disconnected", "disconnectType": "noAnswerTransfer"}"""),
            Agent("u2", """{"state": "connected"}""")));
        Assert.Equal(ConversationStep.Talking, live.Step);
        Assert.Equal("u2", live.AgentId);
    }

    [Fact]
    public void Unknown_media_arrays_and_fields_are_ignored()
    {
        var agent = """
            {"id": "p-u1", "purpose": "agent", "userId": "u1", "socialExpressions": [{"state": "connected"}],
             "internalMessages": [{"state": "connected"}], "someFutureField": {"x": 1}}
            """;
        var live = Map(LiveConversation(null, Customer, Acd("connected"), agent));
        Assert.Equal(ConversationStep.WaitingInQueue, live.Step);   // the agent's only communications are on media the module does not read
        Assert.Empty(live.Participants.Last().Communications);
        Assert.Equal("voice", live.MediaType);
    }

    [Theory]
    [InlineData("chats", "chat")]
    [InlineData("emails", "email")]
    [InlineData("messages", "message")]
    [InlineData("callbacks", "callback")]
    [InlineData("calls", "voice")]
    public void Every_known_media_array_is_read(string array, string media)
    {
        var customer = $$"""{"id": "p-cust", "purpose": "customer", "name": "Jane Doe", "{{array}}": [{"state": "connected", "direction": "inbound"}]}""";
        var agent = $$"""{"id": "p-u1", "purpose": "agent", "userId": "u1", "{{array}}": [{"state": "connected", "held": true}]}""";
        var live = Map(LiveConversation(null, customer, agent));
        Assert.Equal(ConversationStep.OnHold, live.Step);
        Assert.Equal(media, live.MediaType);
        Assert.Equal("Jane Doe", live.CustomerAddress);   // no address: the customer's name
        Assert.Equal("inbound", live.Direction);
    }

    [Fact]
    public void Several_media_are_listed_once_each()
    {
        var agent = """{"id": "p-u1", "purpose": "agent", "userId": "u1", "calls": [{"state": "disconnected"}], "callbacks": [{"state": "connected"}]}""";
        var live = Map(LiveConversation(null, Customer, agent));
        Assert.Equal("voice; callback", live.MediaType);
        Assert.Equal(ConversationStep.Talking, live.Step);
    }

    [Fact]
    public void A_user_participant_counts_as_an_agent()
    {
        var user = """{"id": "p-u2", "purpose": "user", "userId": "u2", "calls": [{"state": "dialing", "direction": "outbound"}]}""";
        var live = Map(LiveConversation(null, user));
        Assert.Equal(ConversationStep.Alerting, live.Step);
        Assert.Equal("Bob", live.Agent);
    }

    [Fact]
    public void Without_a_start_time_the_earliest_participant_start_is_used_else_now()
    {
        var dto = LiveConversation(null, Customer, Ivr("connected"));
        dto.StartTime = null;
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), Map(dto).StartTime);

        var bare = new Conversation { Id = "c-2", Participants = new List<Participant> { new() { Purpose = "ivr" } } };
        var live = Map(bare);
        Assert.Equal(Now, live.StartTime);
        Assert.Equal(TimeSpan.Zero, live.LiveFor);
    }

    [Fact]
    public void A_conversation_without_participants_is_unknown_and_empty()
    {
        var live = Map(new Conversation());
        Assert.Equal(ConversationStep.Unknown, live.Step);
        Assert.Equal("", live.ConversationId);
        Assert.Equal("", live.MediaType);
        Assert.Null(live.Agent);
        Assert.Empty(live.Participants);
    }
}
