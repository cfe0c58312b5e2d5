using System.Collections.Concurrent;
using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Live;

/// <summary>One conversation as seen at an instant: its analytics record cut at that instant and the derived step.</summary>
/// <param name="Step">A <see cref="LiveStep"/> value (see <see cref="LiveConversations.StepOf"/>).</param>
/// <param name="UserId">Agent of the current step (alerting/dialing/talking/hold/wrapup), else null.</param>
/// <param name="QueueId">Queue of the current step (queue/alerting/dialing/talking/hold/wrapup), else null.</param>
/// <param name="UserIds">Every agent with an open session now (alert, dialing, interact, hold or wrap-up segment open).</param>
public sealed record LiveConversation(
    long Index,
    AnalyticsConversation Record,
    string Step,
    string? UserId,
    string? QueueId,
    string MediaType,
    string? CustomerAddress,
    IReadOnlyList<string> UserIds);

/// <summary>
/// The live view of the generated conversations, computed from the same generator records (and clock) as the
/// analytics endpoints: which conversations are live at "now", the current step of each, which agents hold them,
/// and conversation-id → generator-index look-up.
/// A conversation is listed as live while its analytics record has no <c>conversationEnd</c> (the customer is still
/// there — exactly the details query's <c>conversationEnd notExists</c> set) or an agent's wrap-up is still open
/// after the customer left (step wrapup; the agent still has it in GET /api/v2/conversations).
/// </summary>
public sealed class LiveConversations
{
    /// <summary>How far back GET /api/v2/conversations/{id} looks for a conversation id.</summary>
    public static readonly TimeSpan LookupWindow = TimeSpan.FromDays(35);

    /// <summary>Longest agent wrap-up the generator makes (10 min) plus margin.</summary>
    private static readonly TimeSpan MaxWrapupAfterEnd = TimeSpan.FromMinutes(15);

    private readonly ConversationGenerator _generator;
    private readonly int _seed;
    private readonly ConcurrentDictionary<long, DateTimeOffset> _completeAt = new();
    private readonly ConcurrentDictionary<Guid, long> _indexById = new();

    public LiveConversations(ConversationGenerator generator, int seed)
    {
        _generator = generator;
        _seed = seed;
    }

    public ConversationGenerator Generator => _generator;
    public int Seed => _seed;

    /// <summary>Conversation k at <paramref name="now"/> as the Conversations API shows it, with the same participant
    /// attributes as the details-job records.</summary>
    public ConversationModel View(long k, DateTimeOffset now, SyntheticOrg org)
        => ConversationView.Map(_generator.GetWithAttributes(k, now), org);

    /// <summary>Every conversation live at <paramref name="now"/> (see the class summary), oldest first.</summary>
    public List<LiveConversation> At(DateTimeOffset now)
    {
        var earliest = now - _generator.LongestConversation - MaxWrapupAfterEnd;
        var (first, end) = _generator.IndexRangeFor(earliest, now.AddTicks(1));
        var count = (int)Math.Max(0, end - first);
        var found = new LiveConversation?[count];
        if (_completeAt.Count > 2_000_000) _completeAt.Clear();

        void Evaluate(int i)
        {
            var k = first + i;
            if (CompleteAt(k) <= now) return; // everything (ACW included) is over
            found[i] = Describe(k, now);
        }

        if (count > 256) Parallel.For(0, count, Evaluate);
        else for (var i = 0; i < count; i++) Evaluate(i);
        return found.Where(x => x is not null).Select(x => x!).ToList();
    }

    /// <summary>Conversation k at <paramref name="now"/> with its step, or null when it is not live (not started or over).</summary>
    public LiveConversation? Describe(long k, DateTimeOffset now)
    {
        var record = _generator.Get(k, now);
        if (record is null) return null;
        var agents = OpenAgentSessions(record).ToList();
        if (record.ConversationEnd is not null && agents.Count == 0) return null;
        var (step, userId, queueId) = StepOf(record);
        var media = record.Participants.SelectMany(p => p.Sessions).First().MediaType!;
        var customerAddress = CustomerAddressOf(record.Participants.FirstOrDefault(p => p.Purpose is "customer" or "external"));
        return new LiveConversation(k, record, step, userId, queueId, media, customerAddress,
            agents.Select(a => a.UserId).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Who the customer is (docs/genesys-api.md §2.8), as the generator made them: the number a callback is to call, else
    /// the customer's end of its session (the recipient when the org reached out, the sender when the customer wrote or
    /// called), else, in a chat without addresses, the customer's name.
    /// </summary>
    public static string? CustomerAddressOf(AnalyticsParticipant? customer)
    {
        var session = customer?.Sessions.FirstOrDefault();
        if (session?.CallbackNumbers is [var number, ..]) return number;
        var address = session is null ? null : session.Direction == "outbound" ? session.AddressTo : session.AddressFrom;
        return address ?? customer?.ParticipantName;
    }

    /// <summary>
    /// Step of a live record, from its open segments (segmentEnd absent at the cut instant), most advanced first:
    /// the latest agent with an open alert/dialing/interact/hold segment → alerting/dialing/talking/hold; else an open
    /// acd interact segment → queue; else an open IVR segment → ivr; else, while the customer is still there,
    /// routing (the ≤ 1.5 s inbound flow before a non-voice interaction reaches its queue); else an agent's open
    /// wrap-up → wrapup. A previous agent's wrap-up never hides what the customer is doing now.
    /// </summary>
    public static (string Step, string? UserId, string? QueueId) StepOf(AnalyticsConversation record)
    {
        for (var i = record.Participants.Count - 1; i >= 0; i--)
        {
            var p = record.Participants[i];
            if (p.Purpose != "agent") continue;
            foreach (var s in p.Sessions)
            {
                var open = s.Segments.FirstOrDefault(x => x.SegmentEnd is null && x.SegmentType != "wrapup");
                if (open is null) continue;
                var step = open.SegmentType switch
                {
                    "alert" => LiveStep.Alerting,
                    "dialing" => LiveStep.Dialing,
                    "hold" => LiveStep.OnHold,
                    _ => LiveStep.Talking,
                };
                return (step, p.UserId, open.QueueId);
            }
        }

        var acd = OpenSegment(record, "acd", "interact");
        if (acd is not null) return (LiveStep.WaitingInQueue, null, acd.Value.Segment.QueueId);
        if (OpenSegment(record, "ivr", "ivr") is not null) return (LiveStep.InIvr, null, null);
        if (record.ConversationEnd is null) return (LiveStep.Routing, null, null);
        var wrap = OpenAgentSessions(record).LastOrDefault();
        return (LiveStep.AfterCallWork, wrap.UserId, wrap.Segment?.QueueId);
    }

    /// <summary>Agents whose session has an open segment (alert, dialing, interact, hold or wrapup).</summary>
    public static IEnumerable<(string UserId, AnalyticsConversationSegment Segment)> OpenAgentSessions(AnalyticsConversation record)
    {
        foreach (var p in record.Participants)
        {
            if (p.Purpose != "agent" || p.UserId is null) continue;
            foreach (var s in p.Sessions)
            {
                var open = s.Segments.FirstOrDefault(x => x.SegmentEnd is null);
                if (open is not null) yield return (p.UserId, open);
            }
        }
    }

    private static (AnalyticsParticipant Participant, AnalyticsConversationSegment Segment)? OpenSegment(
        AnalyticsConversation record, string purpose, string type)
    {
        foreach (var p in record.Participants)
        {
            if (p.Purpose != purpose) continue;
            foreach (var s in p.Sessions)
                foreach (var x in s.Segments)
                    if (x.SegmentEnd is null && x.SegmentType == type) return (p, x);
        }

        return null;
    }

    /// <summary>
    /// Generator index of a conversation id that has started by <paramref name="now"/> (within <see cref="LookupWindow"/>),
    /// or null (see <see cref="FastIdOf"/>).
    /// </summary>
    public long? FindIndex(Guid id, DateTimeOffset now)
    {
        if (_indexById.TryGetValue(id, out var known))
            return _generator.StartOf(known) >= now - LookupWindow && StartedAndMatches(known, id, now) ? known : null;
        var (first, end) = _generator.IndexRangeFor(now - LookupWindow, now.AddTicks(1));
        long hit = -1;
        var fast = FastIdsAgree();
        Parallel.For(first, end, (k, state) =>
        {
            var candidate = fast ? FastIdOf(k) : Guid.TryParse(_generator.Get(k, now)?.ConversationId, out var g) ? g : Guid.Empty;
            if (candidate != id) return;
            Interlocked.Exchange(ref hit, k);
            state.Stop();
        });
        if (hit < 0 || !StartedAndMatches(hit, id, now)) return null;
        if (_indexById.Count > 100_000) _indexById.Clear();
        _indexById[id] = hit;
        return hit;
    }

    /// <summary>
    /// Generator indices of the ids among <paramref name="ids"/> that started by <paramref name="now"/> within
    /// <paramref name="window"/>: one scan for all of them, newest first, stopping once every id is found.
    /// </summary>
    public Dictionary<Guid, long> FindIndices(IReadOnlyCollection<Guid> ids, DateTimeOffset now, TimeSpan window)
    {
        var found = new ConcurrentDictionary<Guid, long>();
        var wanted = new HashSet<Guid>(ids);
        foreach (var id in ids)
            if (_indexById.TryGetValue(id, out var known) && _generator.StartOf(known) >= now - window && StartedAndMatches(known, id, now))
                found[id] = known;
        var (first, end) = _generator.IndexRangeFor(now - window, now.AddTicks(1));
        const long chunk = 20_000;
        var fast = FastIdsAgree();
        for (var high = end; high > first && found.Count < wanted.Count; high -= chunk)
        {
            Parallel.For(Math.Max(first, high - chunk), high, k =>
            {
                var candidate = fast ? FastIdOf(k) : Guid.TryParse(_generator.Get(k, now)?.ConversationId, out var g) ? g : Guid.Empty;
                if (wanted.Contains(candidate) && StartedAndMatches(k, candidate, now)) found[candidate] = k;
            });
        }

        if (_indexById.Count > 100_000) _indexById.Clear();
        foreach (var pair in found) _indexById[pair.Key] = pair.Value;
        return new Dictionary<Guid, long>(found);
    }

    // Conversation k's id is drawn from its generator stream right after the media pick (one draw) and, for voice,
    // the outbound coin (one more draw) — see ConversationGenerator.Build/Builder. Mirroring that makes an id scan cost
    // a few hashes per conversation instead of building each record; FastIdsAgree checks the mirror against the
    // generator once and otherwise the scan builds records (slow but still correct).
    private static readonly double[] MediaWeights = [0.60, 0.15, 0.10, 0.08, 0.07];
    private bool? _fastIdsAgree;

    private Guid FastIdOf(long k)
    {
        var r = SeededRandom.For(_seed, "conv", k);
        var x = r.NextDouble() * MediaWeights.Sum();
        if (x - MediaWeights[0] < 0) r.NextDouble(); // voice: the outbound coin
        return r.NextGuid();
    }

    private bool FastIdsAgree()
        => _fastIdsAgree ??= Enumerable.Range(0, 64).All(i =>
            _generator.Get(i, ConversationGenerator.Epoch.AddYears(1)) is { } c
            && Guid.TryParse(c.ConversationId, out var g) && g == FastIdOf(i));

    private bool StartedAndMatches(long k, Guid id, DateTimeOffset now)
        => _generator.Get(k, now) is { } c && Guid.TryParse(c.ConversationId, out var g) && g == id;

    private DateTimeOffset CompleteAt(long k)
    {
        if (_completeAt.TryGetValue(k, out var t)) return t;
        t = _generator.Span(k).CompleteAt;
        _completeAt[k] = t;
        return t;
    }
}
