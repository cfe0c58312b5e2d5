using System.Text.RegularExpressions;

namespace GenesysConvo.Emulator.Model.Notifications;

public enum TopicKind { Queue, User, Detail }

/// <summary>A topic the emulator serves (docs/genesys-api.md §10.4): queue or user conversations, or one detail event of
/// one conversation; the permission it needs (the real one is unconfirmed, §10.5: the emulator's choice).</summary>
public sealed record Topic(string Name, TopicKind Kind, string Id, string? Suffix)
{
    public const string ConversationPermission = "conversation:communication:view";
    public const string DetailPermission = "analytics:conversationDetail:view";

    public static readonly string[] DetailSuffixes =
    [
        "customer.start", "customer.end", "acd.start", "acd.end", "user.start", "user.end", "acw", "wrapup",
        "flow.start", "flow.end", "flow.outcome", "voicemail.start", "voicemail.end", "attributes", "contact", "outbound",
    ];

    private const string Guid = "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
    private static readonly Regex QueuePattern = new($"^v2\\.routing\\.queues\\.{Guid}\\.conversations$", RegexOptions.IgnoreCase);
    private static readonly Regex UserPattern = new($"^v2\\.users\\.{Guid}\\.conversations$", RegexOptions.IgnoreCase);
    private static readonly Regex DetailPattern =
        new($"^v2\\.detail\\.events\\.conversation\\.{Guid}\\.([a-z.]+)$", RegexOptions.IgnoreCase);

    public string Permission => Kind == TopicKind.Detail ? DetailPermission : ConversationPermission;

    public static Topic? Parse(string name)
    {
        if (QueuePattern.Match(name) is { Success: true } q) return new Topic(name, TopicKind.Queue, q.Groups[1].Value, null);
        if (UserPattern.Match(name) is { Success: true } u) return new Topic(name, TopicKind.User, u.Groups[1].Value, null);
        if (DetailPattern.Match(name) is { Success: true } d && DetailSuffixes.Contains(d.Groups[2].Value.ToLowerInvariant()))
            return new Topic(name, TopicKind.Detail, d.Groups[1].Value, d.Groups[2].Value.ToLowerInvariant());
        return null;
    }

    public bool Matches(ConversationChange change) => Kind switch
    {
        TopicKind.Queue => change.QueueIds.Contains(Id),
        TopicKind.User => change.UserIds.Contains(Id),
        _ => false,
    };

    public bool Matches(DetailEvent e)
        => Kind == TopicKind.Detail && string.Equals(e.ConversationId, Id, StringComparison.OrdinalIgnoreCase) && e.Suffix == Suffix;
}
