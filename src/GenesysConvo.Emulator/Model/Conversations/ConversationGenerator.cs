using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Conversations;

/// <summary>
/// Indexed, lazy, deterministic conversation source. Conversation k starts at
/// <c>Epoch + k·interval + jitter(k)</c> with <c>0 ≤ jitter &lt; 0.9·interval</c>, so starts are strictly increasing,
/// a time range maps to an index range in O(1), and the whole record is a pure function of (seed, k).
/// A million conversations therefore cost no memory. <see cref="Get"/> cuts the record at "now": a conversation
/// still in progress has no conversationEnd, its open segment no segmentEnd, and metrics not yet emitted are absent.
/// </summary>
public sealed partial class ConversationGenerator
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] MediaTypes = ["voice", "chat", "message", "email", "callback"];
    private static readonly double[] MediaWeights = [0.60, 0.15, 0.10, 0.08, 0.07];

    private readonly SyntheticOrg _org;
    private readonly int _seed;
    private readonly double _intervalMs;
    private readonly double _queueWeightTotal;
    private readonly string _ivrFlowId;
    private readonly string _edgeId;

    /// <param name="longOpenPerDay">About this many message/email conversations a day stay open for days
    /// (see <see cref="LongOpenShare"/>); 0 leaves every conversation exactly as without the option.</param>
    public ConversationGenerator(SyntheticOrg org, double conversationsPerHour, double longOpenPerDay = 0)
    {
        if (conversationsPerHour <= 0) throw new ArgumentOutOfRangeException(nameof(conversationsPerHour));
        if (!(longOpenPerDay >= 0)) throw new ArgumentOutOfRangeException(nameof(longOpenPerDay));
        _org = org;
        _seed = org.Seed;
        ConversationsPerHour = conversationsPerHour;
        _intervalMs = 3_600_000.0 / conversationsPerHour;
        _queueWeightTotal = org.QueueWeights.Sum();
        _ivrFlowId = SeededRandom.For(_seed, "ivr-flow").NextGuid().ToString();
        _edgeId = SeededRandom.For(_seed, "edge").NextGuid().ToString();
        LongOpenPerDay = longOpenPerDay;
        LongOpenShare = LongOpenShareFor(conversationsPerHour, longOpenPerDay);
    }

    public double ConversationsPerHour { get; }

    /// <summary>Start of conversation k (millisecond precision).</summary>
    public DateTimeOffset StartOf(long k)
    {
        var jitter = SeededRandom.For(_seed, "conv-start", k).NextDouble() * 0.9 * _intervalMs;
        return Epoch.AddMilliseconds(Math.Floor(k * _intervalMs + jitter));
    }

    /// <summary>Indexes [From, To) of the conversations whose start lies in [from, to).</summary>
    public (long From, long To) IndexRangeFor(DateTimeOffset from, DateTimeOffset to)
    {
        var first = FirstIndexAtOrAfter(from);
        var end = FirstIndexAtOrAfter(to);
        return (first, Math.Max(first, end));
    }

    /// <summary>The smallest k with StartOf(k) ≥ t.</summary>
    public long FirstIndexAtOrAfter(DateTimeOffset t)
    {
        if (t <= Epoch) return 0;
        // StartOf(c-1) < Epoch + c·interval ≤ t < StartOf(c+1), so the answer is c or c+1.
        var c = (long)Math.Floor((t - Epoch).TotalMilliseconds / _intervalMs);
        return StartOf(c) >= t ? c : c + 1;
    }

    /// <summary>Conversation k as seen at <paramref name="now"/>, or null if it has not started yet.</summary>
    public AnalyticsConversation? Get(long k, DateTimeOffset now)
    {
        if (k < 0) return null;
        var start = StartOf(k);
        if (start > now) return null;
        var full = Build(k, start);
        return full.CompleteAt <= now ? full.Conversation : CutAt(full.Conversation, now);
    }

    /// <summary>Conversation k as of <paramref name="asOf"/> (started by then) with participant attributes, as details-job
    /// results and the Conversations API carry them.</summary>
    public AnalyticsConversation GetWithAttributes(long k, DateTimeOffset asOf) => ParticipantAttributes.AddTo(Get(k, asOf)!, _seed, k);

    /// <summary>
    /// Timeline of conversation k independent of "now": start, conversationEnd, and when the record is complete
    /// (last segment end / last metric emission; wrap-up may outlast conversationEnd).
    /// </summary>
    public (DateTimeOffset Start, DateTimeOffset End, DateTimeOffset CompleteAt) Span(long k)
    {
        var start = StartOf(k);
        var full = Build(k, start);
        return (start, full.Conversation.ConversationEnd!.Value, full.CompleteAt);
    }

    /// <summary>
    /// Upper bound of conversationEnd − conversationStart for any conversation that is not long-open (IVR ≤ 3 min, two
    /// queue waits ≤ 2 h each, two agent legs ≤ 1 h talk + 20 min hold each ≈ 6.7 h). <see cref="LongestConversation"/>
    /// is the bound of this generator (long-open conversations included).
    /// </summary>
    public static readonly TimeSpan MaxConversationDuration = TimeSpan.FromHours(12);

    // ---- building one complete conversation -------------------------------------------------------------

    /// <param name="CompleteAt">When the last segment ends or the last metric is emitted (ACW may outlast conversationEnd).</param>
    private sealed record Built(AnalyticsConversation Conversation, DateTimeOffset CompleteAt);

    private Built Build(long k, DateTimeOffset start)
    {
        var r = SeededRandom.For(_seed, "conv", k);
        var media = MediaTypes[PickWeighted(r, MediaWeights)];
        var outbound = media switch
        {
            "voice" => r.Chance(0.12),
            "email" or "message" => r.Chance(0.2), // an agent e-mails or texts a customer (SMS)
            _ => false,
        };
        var b = new Builder(this, r, k, start, media, outbound);
        // Only an inbound e-mail or message stays open for days (it waits in its queue or for the customer's answer).
        b.StayOpenFor(outbound ? 0 : LongOpenExtensionMs(k, media));
        return outbound ? b.BuildOutbound() : b.BuildInbound();
    }

    private static int PickWeighted(SeededRandom r, IReadOnlyList<double> weights)
    {
        var x = r.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }

        return weights.Count - 1;
    }

    private Queue PickQueue(SeededRandom r, Queue? except = null)
    {
        while (true)
        {
            var x = r.NextDouble() * _queueWeightTotal;
            var i = 0;
            for (; i < _org.Queues.Count - 1; i++)
            {
                x -= _org.QueueWeights[i];
                if (x < 0) break;
            }

            if (_org.Queues[i] != except) return _org.Queues[i];
        }
    }

    private User PickAgent(SeededRandom r, Queue queue, string? exceptUserId = null)
    {
        var members = _org.AgentsByQueue[queue.Id];
        var active = members.Where(u => u.State == "active" && u.Id != exceptUserId).ToList();
        // Mostly active agents; now and then one who has since been deactivated or deleted (history keeps their id).
        var pool = active.Count > 0 && r.Chance(0.92) ? active : members.Where(u => u.Id != exceptUserId).ToList();
        return r.Pick(pool.Count > 0 ? pool : members);
    }

    // ---- the view at "now" ----------------------------------------------------------------------------------

    /// <summary>Drops what has not happened yet: future segments/metrics/participants; open segments lose their end.</summary>
    private static AnalyticsConversation CutAt(AnalyticsConversation c, DateTimeOffset now)
    {
        if (c.ConversationEnd > now) c.ConversationEnd = null;
        foreach (var p in c.Participants)
        {
            foreach (var s in p.Sessions)
            {
                s.Segments = s.Segments.Where(x => x.SegmentStart <= now).ToList();
                foreach (var seg in s.Segments.Where(x => x.SegmentEnd > now))
                {
                    seg.SegmentEnd = null;
                    seg.DisconnectType = null;
                    seg.WrapUpCode = null;
                    seg.WrapUpNote = null;
                }

                s.Metrics = s.Metrics.Where(m => m.EmitDate <= now).ToList();
                if (s.Flow is not null && s.Segments.All(x => x.SegmentEnd is null))
                {
                    s.Flow.ExitReason = null;
                    s.Flow.TransferType = null;
                    s.Flow.TransferTargetName = null;
                    s.Flow.TransferTargetAddress = null;
                }
            }

            p.Sessions = p.Sessions.Where(s => s.Segments.Count > 0).ToList();
        }

        c.Participants = c.Participants.Where(p => p.Sessions.Count > 0).ToList();
        return c;
    }
}
