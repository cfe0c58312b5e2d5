using System;
using System.Collections.Generic;
using System.Linq;
using GenesysConvo.Core.Names;

namespace GenesysConvo.Core.Conversations.Watch;

/// <summary>What Watch-GenesysConversation watches, and when it stops (Ctrl+C aside).</summary>
public sealed class WatchRequest
{
    /// <summary>The detail events followed for one conversation (docs/genesys-api.md §10.4).</summary>
    public static readonly string[] DetailSuffixes =
        { "customer.start", "customer.end", "acd.start", "acd.end", "user.start", "user.end", "acw" };

    public IList<string> Queues { get; set; } = new List<string>();
    public IList<string> Users { get; set; } = new List<string>();
    public IList<string> ConversationIds { get; set; } = new List<string>();
    public bool IncludeSnapshot { get; set; }
    /// <summary>Stop after this long.</summary>
    public TimeSpan? Timeout { get; set; }
    /// <summary>Stop after this many records (snapshot and gap records count).</summary>
    public long? First { get; set; }

    /// <summary>Checks what can be checked before any request; an ArgumentException names the fix.</summary>
    public void CheckValues()
    {
        if (Queues.Count + Users.Count + ConversationIds.Count == 0)
            throw new ArgumentException("Nothing to watch: give -QueueId, -UserId or -ConversationId.");
        var bad = ConversationIds.FirstOrDefault(id => !NameResolver.IsGuid(id));
        if (bad != null)
            throw new ArgumentException(
                $"-ConversationId '{bad}' is not a conversation id (a GUID such as 6a1c5e1e-2f33-4f6a-9d0e-1b2c3d4e5f60).");
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("-Timeout must be more than 0 seconds.");
        if (First is { } f && f <= 0) throw new ArgumentException("-First must be 1 or more.");
    }

    public static string QueueTopic(string queueId) => "v2.routing.queues." + queueId + ".conversations";
    public static string UserTopic(string userId) => "v2.users." + userId + ".conversations";
    public static IEnumerable<string> DetailTopics(string conversationId) =>
        DetailSuffixes.Select(s => "v2.detail.events.conversation." + conversationId + "." + s);
}
