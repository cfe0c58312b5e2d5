namespace GenesysConvo.Emulator.Model.Conversations;

/// <summary>
/// Long-open conversations (--long-open-per-day): in real orgs messages and e-mails stay open for days — an e-mail
/// waits in its queue, a messaging conversation stays connected to its agent while the customer answers now and then.
/// About <see cref="LongOpenPerDay"/> message/email conversations a day get a stretch of 1–5 days: an e-mail's first
/// queue wait, a message's first agent interact segment (or its queue wait if the customer gives up there) lasts that
/// much longer, so the customer's session and that acd or agent segment stay open, without conversationEnd, until it is
/// over; afterwards the conversation ends as it would have (metrics such as tAcd, tTalk, tHandle include the stretch).
/// Which conversations, and how long, comes from a stream of its own (seed, "long-open", k): every other draw, and with
/// the option at 0 every byte of every record, is as without it.
/// </summary>
public sealed partial class ConversationGenerator
{
    public static readonly TimeSpan LongOpenMin = TimeSpan.FromDays(1);
    public static readonly TimeSpan LongOpenMax = TimeSpan.FromDays(5);

    /// <summary>The --long-open-per-day option: about this many long-open conversations a day.</summary>
    public double LongOpenPerDay { get; }

    /// <summary>Chance that one message or email conversation is long-open (capped at 1: then all of them are).</summary>
    public double LongOpenShare { get; }

    /// <summary>
    /// Upper bound of conversationEnd − conversationStart for this generator: <see cref="MaxConversationDuration"/>, plus
    /// <see cref="LongOpenMax"/> when conversations may stay open for days. Interval matching, the live view and the metric
    /// emissions look back this far instead of scanning history.
    /// </summary>
    public TimeSpan LongestConversation => LongOpenShare > 0 ? MaxConversationDuration + LongOpenMax : MaxConversationDuration;

    private static double LongOpenShareFor(double conversationsPerHour, double longOpenPerDay)
    {
        if (longOpenPerDay <= 0) return 0;
        var share = MediaWeights[Array.IndexOf(MediaTypes, "message")] + MediaWeights[Array.IndexOf(MediaTypes, "email")];
        return Math.Min(1.0, longOpenPerDay / (conversationsPerHour * 24 * share / MediaWeights.Sum()));
    }

    /// <summary>How much longer conversation k stays open (whole milliseconds), or 0 when it is not long-open.</summary>
    private double LongOpenExtensionMs(long k, string media)
    {
        if (LongOpenShare <= 0 || media is not ("message" or "email")) return 0;
        var r = SeededRandom.For(_seed, "long-open", k);
        if (!r.Chance(LongOpenShare)) return 0;
        return Math.Round(LongOpenMin.TotalMilliseconds + r.NextDouble() * (LongOpenMax - LongOpenMin).TotalMilliseconds);
    }
}
