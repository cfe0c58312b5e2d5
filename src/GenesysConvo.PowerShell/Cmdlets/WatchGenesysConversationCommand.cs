using System;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysConvo.Core.Conversations.Watch;
using GenesysConvo.Core.Notifications;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Watch-GenesysConversation: conversation changes of queues, users or single conversations as they happen, from
/// the notifications API (a WebSocket channel with topic subscriptions), until Ctrl+C, -Timeout or -First.</summary>
[Cmdlet(VerbsCommon.Watch, "GenesysConversation")]
[OutputType(typeof(ConversationEvent))]
public sealed class WatchGenesysConversationCommand : GenesysApiCmdlet
{
    private readonly List<string> _conversationIds = new List<string>();

    /// <summary>Queues by name or id: every conversation that reaches them.</summary>
    [Parameter]
    [Alias("Queue")]
    [ArgumentCompleter(typeof(QueueNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] QueueId { get; set; } = Array.Empty<string>();

    /// <summary>Users (agents) by name, e-mail or id: every conversation they take part in.</summary>
    [Parameter]
    [Alias("User", "Agent")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserId { get; set; } = Array.Empty<string>();

    /// <summary>Single conversations (their detail events), from the pipeline by property name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] ConversationId { get; set; } = Array.Empty<string>();

    /// <summary>First the live state of what is watched, then the changes.</summary>
    [Parameter]
    public SwitchParameter IncludeSnapshot { get; set; }

    /// <summary>Stop after this many seconds.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>Stop after this many records.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long First { get; set; }

    protected override void ProcessRecord() => _conversationIds.AddRange(ConversationId);

    protected override void EndProcessing()
    {
        var request = new WatchRequest
        {
            Queues = QueueId, Users = UserId, ConversationIds = _conversationIds, IncludeSnapshot = IncludeSnapshot,
            Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout)) ? TimeSpan.FromSeconds(Timeout) : (TimeSpan?)null,
            First = MyInvocation.BoundParameters.ContainsKey(nameof(First)) ? First : (long?)null,
        };
        try { request.CheckValues(); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidWatch", ErrorCategory.InvalidArgument, null));
        }

        var session = ApiSession;
        WriteVerbose("Watching through the notifications API: " + Describe(request) + ".");
        try
        {
            var written = Run((output, token) =>
                new ConversationWatch(session.Api, session.Names, request, output.Write).RunAsync(
                    () => new WebSocketConnection(), new NotificationStreamOptions { Time = session.Connection.Options.Time }, token));
            WriteVerbose($"Watch ended after {written} records.");
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
        {
            ThrowFailure(e, null);
        }
    }

    private static string Describe(WatchRequest request)
    {
        var parts = new List<string>();
        if (request.Queues.Count > 0) parts.Add($"{request.Queues.Count} queue(s)");
        if (request.Users.Count > 0) parts.Add($"{request.Users.Count} user(s)");
        if (request.ConversationIds.Count > 0) parts.Add($"{request.ConversationIds.Count} conversation(s)");
        if (request.Timeout is { } t) parts.Add($"for {t.TotalSeconds:0} s");
        if (request.First is { } f) parts.Add($"until {f} records");
        return string.Join(", ", parts);
    }
}
