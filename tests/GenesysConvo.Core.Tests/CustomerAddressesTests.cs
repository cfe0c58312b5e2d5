using System.Text.Json;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Conversations;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>Who the customer is on each media and direction (docs/genesys-api.md §2.8), from an analytics record's
/// customer session and from the real-time Conversation's customer participant.</summary>
public class CustomerAddressesTests
{
    private const string Org = "tel:+18005550100";
    private const string OrgMail = "support@example.com";
    private const string OrgSms = "+18005550100";

    public static TheoryData<string, string, string, string?, string?, string?, string?, string?> Sessions => new()
    {
        // case, media, direction, ani, dnis, addressFrom, addressTo → the customer
        { "inbound call: the caller", "voice", "inbound", "tel:+15551230000", Org, "sip:gw@x", null, "tel:+15551230000" },
        { "outbound call: the dialled number", "voice", "outbound", Org, "tel:+15551230000", null, null, "tel:+15551230000" },
        { "inbound call without ani: the SIP address", "voice", "inbound", null, Org, "sip:jane@x", null, "sip:jane@x" },
        { "inbound e-mail: the sender", "email", "inbound", null, null, "jane@example.net", OrgMail, "jane@example.net" },
        { "outbound e-mail: the recipient", "email", "outbound", null, null, OrgMail, "jane@example.net", "jane@example.net" },
        { "inbound SMS: the sender", "message", "inbound", null, null, "+15551230000", OrgSms, "+15551230000" },
        { "outbound SMS: the recipient", "message", "outbound", null, null, OrgSms, "+15551230000", "+15551230000" },
        { "a message with only an ani", "message", "inbound", "+15551230000", null, null, null, "+15551230000" },
        { "chat without address: the customer's name", "chat", "inbound", null, null, null, null, "Jane Doe" },
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void From_a_history_record(string @case, string media, string direction, string? ani, string? dnis, string? from, string? to, string? expected)
    {
        var session = new ConversationSession { MediaType = media, Direction = direction, Ani = ani, Dnis = dnis, AddressFrom = from, AddressTo = to };
        var customer = new ConversationParticipant { Purpose = "customer", ParticipantName = "Jane Doe", Sessions = { session } };
        Assert.True(expected == CustomerAddresses.Of(customer, direction), @case);
    }

    [Fact]
    public void A_callback_is_the_number_to_call_back_not_the_number_it_came_from()
    {
        var session = new ConversationSession
        {
            MediaType = "callback", Direction = "inbound", Ani = "tel:+15551230000", Dnis = Org,
            CallbackNumbers = new List<string> { "+15559990000", "+15558880000" },
        };
        var voice = new ConversationSession { MediaType = "voice", Direction = "outbound", Ani = Org, Dnis = "tel:+15559990000" };
        var customer = new ConversationParticipant { Purpose = "customer", Sessions = { voice, session } };
        Assert.Equal("+15559990000", CustomerAddresses.Of(customer, "inbound"));
    }

    [Fact]
    public void A_session_without_direction_follows_the_conversation()
    {
        var session = new ConversationSession { MediaType = "voice", Ani = Org, Dnis = "tel:+15551230000" };
        var customer = new ConversationParticipant { Purpose = "external", Sessions = { session } };
        Assert.Equal("tel:+15551230000", CustomerAddresses.Of(customer, "outbound"));
        Assert.Equal(Org, CustomerAddresses.Of(customer, "inbound"));
    }

    [Fact]
    public void No_customer_no_address()
    {
        Assert.Null(CustomerAddresses.Of(null, "inbound"));
        Assert.Null(CustomerAddresses.Of(new ConversationParticipant { Purpose = "customer" }, "inbound"));
    }

    public static TheoryData<string, string, string?> LiveParticipants => new()
    {
        // case, participant JSON → the customer
        { "its own address", """{"address": "tel:+15551230000", "ani": "tel:+15551230000", "calls": [{"direction": "inbound"}]}""", "tel:+15551230000" },
        { "outbound call: its own end, not the ani", """{"ani": "tel:+18005550100", "dnis": "tel:+15551230000", "calls": [{"direction": "outbound", "self": {"addressNormalized": "tel:+15551230000"}}]}""", "tel:+15551230000" },
        { "outbound call without addresses: the dnis", """{"ani": "tel:+18005550100", "dnis": "tel:+15551230000", "calls": [{"direction": "outbound"}]}""", "tel:+15551230000" },
        { "callback: the number to call", """{"address": "tel:+15551230000", "callbacks": [{"direction": "inbound", "callbackNumbers": ["+15559990000"]}]}""", "+15559990000" },
        { "inbound message: the sender", """{"messages": [{"direction": "inbound", "fromAddress": {"addressNormalized": "+15551230000"}, "toAddress": {"addressNormalized": "+18005550100"}}]}""", "+15551230000" },
        { "outbound message: the recipient", """{"messages": [{"direction": "outbound", "fromAddress": {"addressNormalized": "+18005550100"}, "toAddress": {"addressRaw": "+15551230000"}}]}""", "+15551230000" },
        { "chat without address: the name", """{"name": "Jane Doe", "chats": [{"direction": "inbound"}]}""", "Jane Doe" },
    };

    [Theory]
    [MemberData(nameof(LiveParticipants))]
    public void From_a_live_conversation(string @case, string participant, string? expected)
    {
        var conversation = JsonSerializer.Deserialize($$"""{"id": "c", "participants": [{"id": "p-c", "purpose": "customer", {{participant[1..]}}]}""",
            ApiJson.Default.Conversation)!;
        Assert.True(expected == CustomerAddresses.Of(conversation.Participants![0]), @case);
        Assert.Equal(expected, new ActiveConversationBuilder((_, _) => null, DateTimeOffset.UtcNow).FromLive(conversation).CustomerAddress);
    }
}
