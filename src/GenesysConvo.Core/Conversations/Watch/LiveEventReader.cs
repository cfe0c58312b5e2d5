using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Api.Models;
using GenesysConvo.Core.Conversations.Live;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Watch;

/// <summary>
/// A queue or user topic's body (the conversation as the real-time API shows it, without start and end times,
/// docs/genesys-api.md §10.4) read as an <see cref="ActiveConversation"/>: names resolved through the session's cache
/// (a look-up only for ids not seen before), the start taken from the earliest time in the body, and the conversation
/// ended once every participant has ended and no after-call work is open.
/// </summary>
internal sealed class LiveEventReader
{
    private readonly NameResolver _names;
    private readonly DateTimeOffset _now;

    public LiveEventReader(NameResolver names, DateTimeOffset now)
    {
        _names = names;
        _now = now;
    }

    public async Task<ActiveConversation> ReadAsync(Conversation c, DateTimeOffset? firstSeen, CancellationToken cancellationToken)
    {
        var participants = c.Participants ?? new List<Participant>();
        await ActiveConversationBuilder.NameAsync(_names, participants, cancellationToken).ConfigureAwait(false);
        c.StartTime ??= Earliest(participants) ?? firstSeen;
        var builder = new ActiveConversationBuilder(_names.NameOf, _now);
        var state = builder.FromLive(c);
        var allEnded = participants.Count > 0 && participants.All(p => p.EndTime != null);
        if (c.EndTime == null && state.Step == ConversationStep.Unknown && allEnded)
        {
            c.EndTime = participants.Max(p => p.EndTime);
            state = builder.FromLive(c);
        }

        return state;
    }

    private static DateTimeOffset? Earliest(IEnumerable<Participant> participants) => participants
        .SelectMany(p => new[] { p.StartTime, p.ConnectedTime }.Concat(p.Media()
            .SelectMany(m => m.Communications ?? new List<Communication>()).Select(m => m.ConnectedTime)))
        .Where(t => t != null).Min();
}
