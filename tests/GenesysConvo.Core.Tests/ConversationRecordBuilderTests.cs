using GenesysConvo.Analytics;
using Xunit;

namespace GenesysConvo.Core.Tests;

public class ConversationRecordBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = T0.AddMinutes(30);

    private static readonly Dictionary<(NameKind, string), string> s_names = new()
    {
        [(NameKind.Queue, "q1")] = "Sales",
        [(NameKind.User, "u1")] = "Alice",
        [(NameKind.User, "u3")] = "Carol",
        [(NameKind.WrapUpCode, "w1")] = "Resolved",
    };

    private static string? NameOf(NameKind kind, string? id) => id != null && s_names.TryGetValue((kind, id), out var name) ? name : null;

    private static ConversationRecordBuilder Builder() => new(NameOf, Now);
    private static ActiveConversationBuilder LiveBuilder() => new(NameOf, Now);

    private static ConversationMetric M(string name, long value) => new() { Name = name, Value = value };

    private static ConversationSegment Seg(string type, int fromSeconds, int? toSeconds, string? queue = null, string? wrapUp = null, string? disconnect = null) => new()
    {
        SegmentType = type, SegmentStart = T0.AddSeconds(fromSeconds), SegmentEnd = toSeconds is { } s ? T0.AddSeconds(s) : null,
        QueueId = queue, WrapUpCode = wrapUp, DisconnectType = disconnect,
    };

    private static ConversationParticipant P(string id, string purpose, string? userId = null, string? name = null, params ConversationSession[] sessions) => new()
    {
        ParticipantId = id, Purpose = purpose, UserId = userId, ParticipantName = name, Sessions = sessions.ToList(),
    };

    private static ConversationSession S(string id, string media, ConversationSegment[] segments, params ConversationMetric[] metrics) => new()
    {
        SessionId = id, MediaType = media, Direction = "inbound", Segments = segments.ToList(), Metrics = metrics.ToList(),
    };

    /// <summary>An inbound call: IVR, queue Sales, answered by Alice (alert, talk, hold, talk, wrap-up), transferred to
    /// an agent whose name is unknown; Alice also had a callback session.</summary>
    private static AnalyticsConversation AnsweredCall()
    {
        var customer = S("s-cust", "voice", new[] { Seg("interact", 0, 600, disconnect: "transfer"), Seg("interact", 600, 700, disconnect: "client") }, M("nConnected", 1));
        customer.Ani = "tel:+15551230000";
        customer.Dnis = "tel:+18005550100";
        customer.AddressFrom = "sip:gateway@example.com";
        return new AnalyticsConversation
        {
            ConversationId = "c-1",
            ConversationStart = T0,
            ConversationEnd = T0.AddSeconds(700),
            OriginatingDirection = "inbound",
            DivisionIds = new List<string> { "d1", "d2" },
            Participants = new List<ConversationParticipant>
            {
                P("p-cust", "customer", name: "Jane Doe", sessions: customer),
                P("p-ivr", "ivr", name: "Main IVR", sessions: S("s-ivr", "voice", new[] { Seg("ivr", 0, 60, disconnect: "transfer") })),
                P("p-acd", "acd", name: "Sales", sessions: S("s-acd", "voice", new[] { Seg("interact", 60, 120, queue: "q1", disconnect: "transfer") },
                    M("nOffered", 1), M("tAcd", 60_000))),
                P("p-a1", "agent", "u1", "Alice",
                    S("s-a1", "voice", new[]
                    {
                        Seg("alert", 110, 120, queue: "q1"), Seg("interact", 120, 300, queue: "q1"), Seg("hold", 300, 320, queue: "q1"),
                        Seg("interact", 320, 600, queue: "q1", disconnect: "transfer"), Seg("wrapup", 600, 660, queue: "q1", wrapUp: "w1"),
                    }, M("tAlert", 10_000), M("tTalk", 460_000), M("tHeld", 20_000), M("tAcw", 60_000), M("tHandle", 540_000), M("nTransferred", 1)),
                    S("s-a1-cb", "callback", new[] { Seg("interact", 100, 110, queue: "q1") })),
                P("p-a2", "agent", "u2", null,
                    S("s-a2", "voice", new[] { Seg("alert", 600, 605, queue: "q2"), Seg("interact", 605, 700, queue: "q2", wrapUp: "w2", disconnect: "peer") },
                        M("tAlert", 5_000), M("tTalk", 95_000), M("tHandle", 95_000))),
            },
        };
    }

    // ---- the flat record ----

    [Fact]
    public void The_record_joins_media_queues_agents_and_wrap_up_codes_in_order_of_appearance()
    {
        var record = Builder().Conversation(AnsweredCall());
        Assert.Equal("voice; callback", record.MediaType);
        Assert.Equal("Sales; q2", record.Queue);          // an unknown name falls back to the id
        Assert.Equal("q1; q2", record.QueueId);
        Assert.Equal("Alice; u2", record.Agent);
        Assert.Equal("u1; u2", record.AgentId);
        Assert.Equal("Resolved; w2", record.WrapUpCode);
        Assert.Equal("w1; w2", record.WrapUpCodeId);
        Assert.Equal("d1; d2", record.DivisionId);
    }

    [Fact]
    public void The_record_sums_the_timers_of_every_session()
    {
        var record = Builder().Conversation(AnsweredCall());
        Assert.Equal(TimeSpan.FromMilliseconds(635_000), record.HandleTime);
        Assert.Equal(TimeSpan.FromMilliseconds(555_000), record.TalkTime);
        Assert.Equal(TimeSpan.FromMilliseconds(20_000), record.HoldTime);
        Assert.Equal(TimeSpan.FromMilliseconds(60_000), record.AcwTime);
        Assert.Equal(TimeSpan.FromMilliseconds(60_000), record.WaitTime);
        Assert.Equal(TimeSpan.FromMilliseconds(15_000), record.AlertTime);
        Assert.Equal(1, record.TransferCount);
        Assert.False(record.Abandoned);
    }

    [Fact]
    public void The_record_describes_the_customer_side()
    {
        var c = AnsweredCall();
        var record = Builder().Conversation(c);
        Assert.Equal("c-1", record.ConversationId);
        Assert.Equal(T0, record.StartTime);
        Assert.Equal(T0.AddSeconds(700), record.EndTime);
        Assert.Equal(TimeSpan.FromSeconds(700), record.Duration);
        Assert.False(record.IsActive);
        Assert.Equal("inbound", record.Direction);
        Assert.Equal("inbound", record.OriginatingDirection);
        Assert.Equal("tel:+15551230000", record.Ani);
        Assert.Equal("tel:+18005550100", record.Dnis);
        Assert.Equal("tel:+15551230000", record.CustomerAddress);   // a call's customer is its ANI, not the SIP address
        Assert.Equal("client", record.DisconnectType);              // the customer's last disconnect, not the agent's
        Assert.Same(c, record.Detail);
        Assert.Same(c.Participants, record.Participants);
    }

    [Fact]
    public void Missing_timers_stay_empty_rather_than_zero_and_tAbandon_marks_an_abandon()
    {
        var c = new AnalyticsConversation
        {
            ConversationId = "c-abandoned", ConversationStart = T0, ConversationEnd = T0.AddSeconds(45), OriginatingDirection = "inbound",
            Participants = new List<ConversationParticipant>
            {
                P("p-cust", "customer", sessions: S("s-c", "voice", new[] { Seg("interact", 0, 45, disconnect: "client") })),
                P("p-acd", "acd", sessions: S("s-acd", "voice", new[] { Seg("interact", 0, 45, queue: "q1", disconnect: "client") }, M("nOffered", 1), M("tAcd", 45_000), M("tAbandon", 45_000))),
            },
        };
        var record = Builder().Conversation(c);
        Assert.True(record.Abandoned);
        Assert.Null(record.Agent);
        Assert.Null(record.AgentId);
        Assert.Null(record.HandleTime);
        Assert.Null(record.TalkTime);
        Assert.Null(record.WrapUpCode);
        Assert.Null(record.DivisionId);
        Assert.Equal(0, record.TransferCount);
        Assert.Equal(TimeSpan.FromSeconds(45), record.WaitTime);
    }

    [Fact]
    public void A_conversation_in_progress_lasts_until_now()
    {
        var c = AnsweredCall();
        c.ConversationEnd = null;
        var record = Builder().Conversation(c);
        Assert.True(record.IsActive);
        Assert.Null(record.EndTime);
        Assert.Equal(Now - T0, record.Duration);
    }

    [Fact]
    public void An_external_participant_counts_as_the_customer_and_an_outbound_call_is_to_the_dialled_number()
    {
        var external = S("s-ext", "voice", new[] { Seg("interact", 0, 10) });
        external.Ani = "tel:+100";   // the org's number: the agent called out
        external.Dnis = "tel:+4930123";
        external.Direction = "outbound";
        var agent = S("s-a", "voice", new[] { Seg("dialing", 0, 3), Seg("interact", 3, 10) });
        agent.Ani = "tel:+100";
        var c = new AnalyticsConversation
        {
            ConversationId = "c", ConversationStart = T0, ConversationEnd = T0.AddSeconds(10), OriginatingDirection = "outbound",
            Participants = { P("p-a", "user", "u1", sessions: agent), P("p-ext", "external", sessions: external) },
        };
        var record = Builder().Conversation(c);
        Assert.Equal("tel:+4930123", record.CustomerAddress);
        Assert.Equal("tel:+100", record.Ani);
        Assert.Equal("tel:+4930123", record.Dnis);
        Assert.Equal("outbound", record.Direction);
        Assert.Equal("Alice", record.Agent);   // purpose "user" is an agent too
    }

    [Fact]
    public void Without_a_customer_the_direction_and_numbers_come_from_any_session()
    {
        var s = S("s-a", "voice", new[] { Seg("interact", 0, 10) });
        s.Ani = null;
        var s2 = S("s-b", "voice", new[] { Seg("interact", 0, 10) });
        s2.Ani = "tel:+200";
        s2.Dnis = "tel:+300";
        var c = new AnalyticsConversation
        {
            ConversationId = "c", ConversationStart = T0, ConversationEnd = T0.AddSeconds(10), OriginatingDirection = "outbound",
            Participants = { P("p-a", "agent", "u1", sessions: s), P("p-b", "agent", "u3", sessions: s2) },
        };
        var record = Builder().Conversation(c);
        Assert.Equal("outbound", record.Direction);
        Assert.Equal("tel:+200", record.Ani);
        Assert.Equal("tel:+300", record.Dnis);
        Assert.Null(record.CustomerAddress);
        Assert.Equal("Alice; Carol", record.Agent);
    }

    [Fact]
    public void IdsIn_lists_every_user_queue_and_wrap_up_code_to_name()
    {
        var ids = DetailsRecordWriter.IdsIn(new[] { AnsweredCall() }).ToDictionary(x => x.Kind, x => x.Ids.Distinct().ToList());
        Assert.Equal(new[] { "u1", "u2" }, ids[NameKind.User]);
        Assert.Equal(new[] { "q1", "q2" }, ids[NameKind.Queue]);
        Assert.Equal(new[] { "w1", "w2" }, ids[NameKind.WrapUpCode]);
    }

    // ---- ActiveConversationBuilder.FromDetails: where the conversation is now ----

    private static AnalyticsConversation Live(params ConversationParticipant[] others)
    {
        var customer = S("s-cust", "voice", new[] { Seg("interact", 0, null) });
        customer.Ani = "tel:+15551230000";
        var c = new AnalyticsConversation { ConversationId = "c-live", ConversationStart = T0, OriginatingDirection = "inbound", DivisionIds = new List<string> { "d1" } };
        c.Participants.Add(P("p-cust", "customer", sessions: customer));
        c.Participants.AddRange(others);
        return c;
    }

    private static ConversationParticipant Ivr(bool open) => P("p-ivr", "ivr", sessions: S("s-ivr", "voice", new[] { Seg("ivr", 0, open ? null : 60) }));
    private static ConversationParticipant Acd(bool open) => P("p-acd", "acd", sessions: S("s-acd", "voice", new[] { Seg("interact", 60, open ? null : 120, queue: "q1") }));
    private static ConversationParticipant Agent(string userId, params ConversationSegment[] segments) => P("p-" + userId, "agent", userId, sessions: S("s-" + userId, "voice", segments));

    [Fact]
    public void An_open_IVR_segment_alone_means_in_IVR()
    {
        var live = LiveBuilder().FromDetails(Live(Ivr(open: true)));
        Assert.Equal(ConversationStep.InIvr, live.Step);
        Assert.Null(live.Queue);
        Assert.Null(live.Agent);
        Assert.Equal(Now - T0, live.LiveFor);
        Assert.Equal("tel:+15551230000", live.CustomerAddress);
        Assert.Equal("voice", live.MediaType);
        Assert.Equal("d1", live.DivisionId);
    }

    [Fact]
    public void An_open_ACD_segment_means_waiting_in_that_queue()
    {
        var live = LiveBuilder().FromDetails(Live(Ivr(open: false), Acd(open: true)));
        Assert.Equal(ConversationStep.WaitingInQueue, live.Step);
        Assert.Equal("Sales", live.Queue);
        Assert.Equal("q1", live.QueueId);
        Assert.Null(live.AgentId);
    }

    [Theory]
    [InlineData("alert", ConversationStep.Alerting)]
    [InlineData("interact", ConversationStep.Talking)]
    [InlineData("hold", ConversationStep.OnHold)]
    [InlineData("wrapup", ConversationStep.AfterCallWork)]
    [InlineData("WrapUp", ConversationStep.AfterCallWork)]
    [InlineData("dialing", ConversationStep.Alerting)]
    [InlineData("contacting", ConversationStep.Alerting)]
    public void An_open_agent_segment_wins_over_the_queue_and_says_what_the_agent_does(string segmentType, ConversationStep expected)
    {
        var live = LiveBuilder().FromDetails(Live(Ivr(open: false), Acd(open: true), Agent("u1", Seg("alert", 110, segmentType == "alert" ? null : 120, queue: "q1"),
            Seg(segmentType, 120, segmentType == "alert" ? 121 : null, queue: "q1"))));
        Assert.Equal(expected, live.Step);
        Assert.Equal("Alice", live.Agent);
        Assert.Equal("u1", live.AgentId);
        Assert.Equal("Sales", live.Queue);
    }

    [Fact]
    public void A_re_routed_alert_shows_the_agent_now_alerted()
    {
        var live = LiveBuilder().FromDetails(Live(Acd(open: true),
            Agent("u1", Seg("alert", 110, 125, queue: "q1", disconnect: "noAnswerTransfer")),
            Agent("u3", Seg("alert", 126, null, queue: "q1"))));
        Assert.Equal(ConversationStep.Alerting, live.Step);
        Assert.Equal("u3", live.AgentId);
        Assert.Equal("Carol", live.Agent);
    }

    [Fact]
    public void An_ended_conversation_is_Ended_whatever_its_segments_say()
    {
        var c = Live(Agent("u1", Seg("interact", 120, null, queue: "q1")));
        c.ConversationEnd = T0.AddMinutes(10);
        var live = LiveBuilder().FromDetails(c);
        Assert.Equal(ConversationStep.Ended, live.Step);
        Assert.Equal(TimeSpan.FromMinutes(10), live.LiveFor);
        Assert.Equal(c.ConversationEnd, live.EndTime);
    }

    [Fact]
    public void No_open_segment_of_a_known_kind_is_Unknown_and_the_queue_is_the_last_one_seen()
    {
        var live = LiveBuilder().FromDetails(Live(Ivr(open: false), Acd(open: false)));
        Assert.Equal(ConversationStep.Unknown, live.Step);
        Assert.Equal("q1", live.QueueId);
        Assert.Equal("Sales", live.Queue);
    }

    [Fact]
    public void An_agent_segment_without_a_queue_takes_the_last_queue_seen_and_unknown_names_fall_back_to_ids()
    {
        var c = Live(P("p-acd", "acd", sessions: S("s-acd", "voice", new[] { Seg("interact", 60, 120, queue: "q9") })), Agent("u7", Seg("interact", 120, null)));
        var live = LiveBuilder().FromDetails(c);
        Assert.Equal(ConversationStep.Talking, live.Step);
        Assert.Equal("q9", live.QueueId);
        Assert.Equal("q9", live.Queue);
        Assert.Equal("u7", live.Agent);
    }

    // ---- -Expand rows ----

    [Fact]
    public void Participant_rows_are_one_per_participant_each_naming_its_conversation()
    {
        var c = AnsweredCall();
        var rows = Builder().Participants(c).ToList();
        Assert.Equal(new[] { "p-cust", "p-ivr", "p-acd", "p-a1", "p-a2" }, rows.Select(r => r.ParticipantId));
        Assert.All(rows, r =>
        {
            Assert.Equal("c-1", r.ConversationId);
            Assert.Equal(T0, r.ConversationStart);
            Assert.Equal(c.ConversationEnd, r.ConversationEnd);
            Assert.Equal("inbound", r.OriginatingDirection);
            Assert.Equal("tel:+15551230000", r.CustomerAddress);   // every row names the conversation's customer
        });

        var alice = rows[3];
        Assert.Equal("agent", alice.Purpose);
        Assert.Equal("u1", alice.UserId);
        Assert.Equal("Alice", alice.UserName);
        Assert.Equal(2, alice.SessionCount);
        Assert.Equal("voice; callback", alice.MediaType);
        Assert.Equal("Sales", alice.Queue);
        Assert.Equal("Resolved", alice.WrapUpCode);
        Assert.Equal("w1", alice.WrapUpCodeId);
        Assert.Equal(T0.AddSeconds(100), alice.FirstSegmentStart);
        Assert.Equal(T0.AddSeconds(660), alice.LastSegmentEnd);
        Assert.Equal(TimeSpan.FromMilliseconds(540_000), alice.HandleTime);
        Assert.Equal(TimeSpan.FromMilliseconds(60_000), alice.AcwTime);

        Assert.Equal("Jane Doe", rows[0].ParticipantName);
        Assert.Null(rows[0].UserId);
        Assert.Null(rows[0].HandleTime);
    }

    [Fact]
    public void A_participant_with_an_open_segment_has_no_last_segment_end()
    {
        var row = Builder().Participants(Live(Agent("u1", Seg("alert", 0, 5), Seg("interact", 5, null)))).Last();
        Assert.Equal(T0, row.FirstSegmentStart);
        Assert.Null(row.LastSegmentEnd);
    }

    [Fact]
    public void Session_rows_are_one_per_session()
    {
        var rows = Builder().Sessions(AnsweredCall()).ToList();
        Assert.Equal(new[] { "s-cust", "s-ivr", "s-acd", "s-a1", "s-a1-cb", "s-a2" }, rows.Select(r => r.SessionId));
        Assert.All(rows, r => Assert.Equal("c-1", r.ConversationId));
        Assert.Equal(new[] { "p-cust", "p-ivr", "p-acd", "p-a1", "p-a1", "p-a2" }, rows.Select(r => r.ParticipantId));

        var customer = rows[0];
        Assert.Equal("tel:+15551230000", customer.Ani);
        Assert.Equal("sip:gateway@example.com", customer.AddressFrom);
        Assert.Equal("client", customer.DisconnectType);
        Assert.Equal(2, customer.SegmentCount);

        var acd = rows[2];
        Assert.Equal(TimeSpan.FromMilliseconds(60_000), acd.WaitTime);
        Assert.Equal("Sales", acd.Queue);

        var alice = rows[3];
        Assert.Equal(5, alice.SegmentCount);
        Assert.Equal(TimeSpan.FromMilliseconds(10_000), alice.AlertTime);
        Assert.Equal(TimeSpan.FromMilliseconds(460_000), alice.TalkTime);
        Assert.Equal(TimeSpan.FromMilliseconds(20_000), alice.HoldTime);
        Assert.Equal("Alice", alice.UserName);
        Assert.Equal("callback", rows[4].MediaType);
        Assert.Null(rows[4].HandleTime);
    }

    [Fact]
    public void Segment_rows_are_one_per_segment_in_order()
    {
        var rows = Builder().Segments(AnsweredCall()).ToList();
        Assert.Equal(2 + 1 + 1 + 5 + 1 + 2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("c-1", r.ConversationId);
            Assert.Equal(T0, r.ConversationStart);
        });

        var aliceRows = rows.Where(r => r.SessionId == "s-a1").ToList();
        Assert.Equal(new[] { "alert", "interact", "hold", "interact", "wrapup" }, aliceRows.Select(r => r.SegmentType));
        Assert.All(aliceRows, r => Assert.Equal("Alice", r.UserName));
        var hold = aliceRows[2];
        Assert.Equal(TimeSpan.FromSeconds(20), hold.Duration);
        Assert.Equal(T0.AddSeconds(300), hold.SegmentStart);
        Assert.Equal("Sales", hold.Queue);
        Assert.Equal("q1", hold.QueueId);
        Assert.Equal("Resolved", aliceRows[4].WrapUpCode);
        Assert.Equal("w1", aliceRows[4].WrapUpCodeId);
        Assert.Equal("agent", aliceRows[4].Purpose);

        var ivr = rows.Single(r => r.SessionId == "s-ivr");
        Assert.Equal("ivr", ivr.Purpose);
        Assert.Equal("Main IVR", ivr.ParticipantName);
        Assert.Equal("transfer", ivr.DisconnectType);
        Assert.Null(ivr.QueueId);
    }

    [Fact]
    public void An_open_segment_row_has_no_end_and_no_duration()
    {
        var row = Builder().Segments(Live(Ivr(open: true))).Last();
        Assert.Null(row.SegmentEnd);
        Assert.Null(row.Duration);
        Assert.Null(row.ConversationEnd);
    }
}
