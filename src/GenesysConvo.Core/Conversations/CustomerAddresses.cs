using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Analytics;
using GenesysConvo.Core.Api.Models;

namespace GenesysConvo.Core.Conversations;

/// <summary>Who the customer is, as an address, on every media and direction (docs/genesys-api.md §2.8): a callback's
/// number; a call's caller (ani) when it came in and the dialled number (dnis) when the agent called out; an e-mail's or
/// message's sender (addressFrom) when it came in and its recipient (addressTo) when it went out; the customer's name
/// when there is no address (web chat). Never the org's own number or mailbox.</summary>
public static class CustomerAddresses
{
    /// <summary>From an analytics record's customer (or external) participant; its sessions' directions decide, the
    /// conversation's originating direction where a session has none.</summary>
    public static string? Of(ConversationParticipant? customer, string? originatingDirection)
    {
        if (customer is null) return null;
        var callback = FirstOf(customer.Sessions.SelectMany(s => s.CallbackNumbers ?? new List<string>()));
        if (callback != null) return callback;
        foreach (var s in customer.Sessions)
        {
            var outbound = IsOutbound(s.Direction ?? originatingDirection);
            var number = outbound ? s.Dnis : s.Ani;
            var address = outbound ? s.AddressTo : s.AddressFrom;
            var found = IsTelephony(s.MediaType) ? FirstOf(number, address) : FirstOf(address, number);
            if (found != null) return found;
        }

        return FirstOf(customer.ParticipantName);
    }

    /// <summary>From the real-time Conversation's customer participant: a callback's number, else the participant's
    /// own address ("the address for this participant"), else its call's own end or its message's sender (inbound) or
    /// recipient (outbound), else ani/dnis by direction, else its name.</summary>
    public static string? Of(Participant? customer)
    {
        if (customer is null) return null;
        var communications = customer.Media().SelectMany(m => m.Communications ?? new List<Communication>()).ToList();
        var callback = FirstOf(communications.SelectMany(m => m.CallbackNumbers ?? new List<string>()));
        if (callback != null) return callback;
        if (FirstOf(customer.Address) is { } own) return own;
        foreach (var m in communications)
        {
            var outbound = IsOutbound(m.Direction);
            var message = outbound ? m.ToAddress : m.FromAddress;
            var found = FirstOf(m.Self?.Value(), message?.Value(), outbound ? customer.Dnis : customer.Ani);
            if (found != null) return found;
        }

        return FirstOf(customer.Name);
    }

    private static bool IsOutbound(string? direction) => string.Equals(direction, "outbound", StringComparison.OrdinalIgnoreCase);

    private static bool IsTelephony(string? mediaType) =>
        string.Equals(mediaType, "voice", StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, "callback", StringComparison.OrdinalIgnoreCase);

    private static string? FirstOf(params string?[] values) => FirstOf((IEnumerable<string?>)values);

    private static string? FirstOf(IEnumerable<string?> values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
