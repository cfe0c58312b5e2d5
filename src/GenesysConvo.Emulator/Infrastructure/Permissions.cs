namespace GenesysConvo.Emulator.Infrastructure;

/// <summary>Endpoint metadata: the caller needs at least one of these permissions (checked by the middleware).</summary>
public sealed record RequiresAnyPermission(string[] Permissions);

public static class PermissionExtensions
{
    public static TBuilder RequireAnyPermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RequiresAnyPermission(permissions));
}

public static class PermissionNames
{
    public const string QueueView = "routing:queue:view";
    public const string WrapupCodeView = "routing:wrapupCode:view";
    public const string ConversationDetailView = "analytics:conversationDetail:view";
    public const string AgentConversationDetailView = "analytics:agentConversationDetail:view";

    /// <summary>What the emulated OAuth client's role grants (unless denied via /__emulator/config).</summary>
    public static readonly string[] Granted =
    [
        QueueView, WrapupCodeView, ConversationDetailView, AgentConversationDetailView,
        "analytics:conversationAggregate:view", "analytics:queueObservation:view",
        "conversation:communication:view", "directory:user:view", "authorization:division:view",
    ];
}
