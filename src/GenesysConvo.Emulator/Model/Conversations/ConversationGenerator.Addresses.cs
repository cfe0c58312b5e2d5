namespace GenesysConvo.Emulator.Model.Conversations;

public sealed partial class ConversationGenerator
{
    /// <summary>
    /// The addresses of both ends, as the analytics sessions carry them (docs/genesys-api.md §2.8): a call's ani is the
    /// calling party and its dnis the called one, so an outbound call has the org's number as ani and the customer's as
    /// dnis; addressFrom/addressTo are the sender and recipient of an e-mail or message (an SMS between E.164 numbers, a
    /// web message from the customer's name); a web chat has no address at all (the customer is only a name); a callback
    /// carries the number to call back in callbackNumbers, now and then not the number the request came from.
    /// </summary>
    private sealed partial class Builder
    {
        private const string OurNumber = "tel:+18005550100";
        private const string OurSmsNumber = "+18005550100";
        private readonly string? _callbackNumber;

        private static (string Customer, string Ours) AddressesFor(SeededRandom r, string media, bool outbound, string customerName)
            => media switch
            {
                "email" => ($"{EmailLocalPart(customerName)}@example.net", "support@emulated-contact-center.example"),
                "chat" => (customerName, "Emulated Contact Center"),
                "message" when outbound => (PhoneNumber(r, "+1"), OurSmsNumber),
                "message" => (customerName, "Emulated Contact Center"),
                _ => (PhoneNumber(r, "tel:+1"), OurNumber),
            };

        /// <summary>The number a callback is to call (E.164, as callbackNumbers holds it): mostly the number the
        /// customer called from, sometimes another one they typed.</summary>
        private static string CallbackNumberFor(SeededRandom r, string customerAddress)
            => r.Chance(0.3) ? PhoneNumber(r, "+1") : customerAddress.Replace("tel:", string.Empty, StringComparison.Ordinal);

        private static string PhoneNumber(SeededRandom r, string prefix)
            => $"{prefix}{r.Between(201, 989)}{r.Between(200, 999)}{r.Between(1000, 9999)}";

        private static string EmailLocalPart(string name)
            => name.ToLowerInvariant().Replace(' ', '.').Replace("'", string.Empty, StringComparison.Ordinal);

        private void SetAddresses(AnalyticsSession s, bool outbound)
        {
            switch (_media)
            {
                case "voice" or "callback":
                    s.Ani = outbound ? _ourAddress : _customerAddress;
                    s.Dnis = outbound ? _customerAddress : _ourAddress;
                    s.EdgeId = _media == "voice" ? _g._edgeId : null;
                    break;
                case "message":
                    s.MessageType = outbound ? "sms" : "webmessaging";
                    break;
            }

            if (_media != "chat")
            {
                s.AddressFrom = outbound ? _ourAddress : _customerAddress;
                s.AddressTo = outbound ? _customerAddress : _ourAddress;
            }

            if (_callbackNumber is not null)
            {
                s.CallbackNumbers = [_callbackNumber];
                s.CallbackUserName = _customerName;
            }
        }
    }
}
