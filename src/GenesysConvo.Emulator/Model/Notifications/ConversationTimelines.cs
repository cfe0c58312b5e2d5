using System.Collections.Concurrent;
using System.Text.Json;
using GenesysConvo.Emulator.Infrastructure;
using GenesysConvo.Emulator.Model.Conversations;
using GenesysConvo.Emulator.Model.Live;
using GenesysConvo.Emulator.Model.Org;

namespace GenesysConvo.Emulator.Model.Notifications;

/// <summary>One change of a conversation as the queue and user topics push it: the full snapshot at that instant
/// (docs/genesys-api.md §10.4) and who it concerns by then.</summary>
/// <param name="Step">The <see cref="LiveStep"/> at the instant, or "ended" once everything (ACW included) is over.</param>
public sealed record ConversationChange(
    DateTimeOffset At, string ConversationId, string BodyJson, string Step, IReadOnlySet<string> QueueIds, IReadOnlySet<string> UserIds);

/// <summary>One analytics detail event (v2.detail.events.conversation.{id}.{suffix}) with its body.</summary>
public sealed record DetailEvent(DateTimeOffset At, string ConversationId, string Suffix, string BodyJson);

/// <summary>
/// Every change of a generated conversation, computed once from its complete record: an instant is any segment start or
/// end (and conversationEnd); the snapshot at each is the Conversations API view cut there (<see cref="ConversationView"/>)
/// without what the notification model lacks (conversation and participant start/end times, queue names). An instant
/// whose snapshot equals the previous one is no change. Cached per conversation (bounded).
/// </summary>
public sealed class ConversationTimelines
{
    public const string Ended = "ended";

    private readonly LiveConversations _live;
    private readonly SyntheticOrg _org;
    private readonly ConcurrentDictionary<long, Timeline> _cache = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _completeAt = new();

    public sealed record Timeline(DateTimeOffset Start, DateTimeOffset CompleteAt, IReadOnlyList<ConversationChange> Changes,
        IReadOnlyList<DetailEvent> Details);

    public ConversationTimelines(LiveConversations live, SyntheticOrg org)
    {
        _live = live;
        _org = org;
    }

    /// <summary>Generator indexes of conversations that may change in (from, to].</summary>
    public IEnumerable<long> CandidatesIn(DateTimeOffset from, DateTimeOffset to)
    {
        var generator = _live.Generator;
        var (first, end) = generator.IndexRangeFor(from - generator.LongestConversation - TimeSpan.FromMinutes(15), to.AddTicks(1));
        if (_completeAt.Count > 200_000) _completeAt.Clear();
        for (var k = first; k < end; k++)
        {
            var complete = _completeAt.GetOrAdd(k, i => generator.Span(i).CompleteAt);
            if (complete > from) yield return k;
        }
    }

    public Timeline Of(long k)
    {
        if (_cache.TryGetValue(k, out var known)) return known;
        if (_cache.Count > 20_000) _cache.Clear();
        return _cache[k] = Build(k);
    }

    private Timeline Build(long k)
    {
        var generator = _live.Generator;
        var full = generator.Get(k, DateTimeOffset.MaxValue)!;
        var span = generator.Span(k);
        var segments = full.Participants.SelectMany(p => p.Sessions).SelectMany(s => s.Segments).ToList();
        var instants = segments.Select(s => s.SegmentStart!.Value)
            .Concat(segments.Where(s => s.SegmentEnd is not null).Select(s => s.SegmentEnd!.Value))
            .Append(full.ConversationEnd!.Value)
            .Distinct().Order().ToList();
        var changes = new List<ConversationChange>();
        string? previous = null;
        foreach (var t in instants)
        {
            var body = BodyAt(k, t);
            if (body == previous) continue;
            previous = body;
            var cut = generator.Get(k, t)!;
            var step = t >= span.CompleteAt ? Ended : LiveConversations.StepOf(cut).Step;
            changes.Add(new ConversationChange(t, full.ConversationId!, body, step, QueuesOf(cut), UsersOf(cut)));
        }

        return new Timeline(span.Start, span.CompleteAt, changes, DetailEvents.Of(full));
    }

    private string BodyAt(long k, DateTimeOffset t)
    {
        var view = _live.View(k, t, _org);
        foreach (var p in view.Participants)
        {
            p.StartTime = null;
            p.QueueName = null;
        }

        var body = new NotificationConversation(view.Id!, view.Participants, view.RecordingState, view.Address, view.Divisions);
        return JsonSerializer.Serialize(body, Json.Options);
    }

    private static HashSet<string> QueuesOf(AnalyticsConversation cut)
        => cut.Participants.SelectMany(p => p.Sessions).SelectMany(s => s.Segments)
            .Where(s => s.QueueId is not null).Select(s => s.QueueId!).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> UsersOf(AnalyticsConversation cut)
        => cut.Participants.Where(p => p.Purpose == "agent" && p.UserId is not null).Select(p => p.UserId!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}

/// <summary>QueueConversationEventTopicConversation / ConversationEventTopicConversation, as much as the emulator fills.</summary>
public sealed record NotificationConversation(
    string Id, List<ConversationParticipant> Participants, string? RecordingState, string? Address,
    List<ConversationDivisionMembership>? Divisions);
