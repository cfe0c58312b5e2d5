namespace GenesysConvo.Emulator.Model.Conversations;

/// <summary>
/// Participant data (a small, deterministic string map per conversation): customer/external get customerId, language
/// and tier; acd/agent language and tier. Only details-job results and the Conversations API carry it.
/// </summary>
public static class ParticipantAttributes
{
    public static AnalyticsConversation AddTo(AnalyticsConversation c, int seed, long k)
    {
        var r = SeededRandom.For(seed, "participant-attributes", k);
        var language = r.Pick(["en-US", "en-US", "es-US", "fr-CA"]);
        var tier = r.Pick(["gold", "silver", "bronze", "standard"]);
        var customerId = $"C{r.Between(1_000_000, 9_999_999)}";
        foreach (var p in c.Participants)
        {
            if (p.Purpose is "customer" or "external")
                p.Attributes = new Dictionary<string, string> { ["customerId"] = customerId, ["language"] = language, ["tier"] = tier };
            else if (p.Purpose is "acd" or "agent")
                p.Attributes = new Dictionary<string, string> { ["language"] = language, ["tier"] = tier };
        }

        return c;
    }
}
