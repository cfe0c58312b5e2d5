using System;
using System.Management.Automation;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Conversations.Live;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Get-GenesysActiveConversation: the conversations live right now — org-wide or filtered (analytics details
/// query), one in full (GET /api/v2/conversations/{id}), or the calling user's own (-Mine).</summary>
[Cmdlet(VerbsCommon.Get, "GenesysActiveConversation", SupportsPaging = true, DefaultParameterSetName = ListSet)]
[OutputType(typeof(ActiveConversation))]
public sealed class GetGenesysActiveConversationCommand : GenesysApiCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const string MineSet = "Mine";

    [Parameter(ParameterSetName = ListSet)]
    [Alias("Queue")]
    [ArgumentCompleter(typeof(QueueNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] QueueId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [Alias("User", "Agent")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserId { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(MediaTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] MediaType { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ArgumentCompleter(typeof(DirectionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Direction { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    public string[] DivisionId { get; set; } = Array.Empty<string>();

    /// <summary>One conversation's live state; binds ConversationId (or Id) from any record in the pipeline.</summary>
    [Parameter(
        ParameterSetName = ByIdSet, Mandatory = true, Position = 0,
        ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] ConversationId { get; set; } = Array.Empty<string>();

    /// <summary>The conversations of the user whose token the session holds (needs a user's -AccessToken).</summary>
    [Parameter(ParameterSetName = MineSet, Mandatory = true)]
    public SwitchParameter Mine { get; set; }

    protected override void ProcessRecord()
    {
        var session = ApiSession;
        switch (ParameterSetName)
        {
            case ByIdSet:
                foreach (var id in ConversationId)
                {
                    try { WriteObject(Run(token => LiveConversations.GetAsync(session.Api, session.Names, id, token))); }
                    // One bad id does not stop the others: a non-terminating error per id.
                    catch (Exception e) when (e is GenesysApiException || e is ArgumentException) { WriteError(ErrorRecords.From(e, id)); }
                }
                break;
            case MineSet:
                try
                {
                    var mine = Run(token => LiveConversations.GetMineAsync(session.Api, session.Names, token));
                    WriteObject(mine, enumerateCollection: true);
                }
                catch (GenesysApiException e) { ThrowFailure(e, ConversationsApi.ConversationsPath); }
                break;
            default:
                List(session);
                break;
        }
    }

    private void List(GenesysCloudSession session)
    {
        var request = new LiveListRequest
        {
            Criteria = new ConversationCriteria
            {
                Queues = QueueId, Users = UserId, MediaTypes = MediaType, Directions = Direction, DivisionIds = DivisionId,
            },
            Skip = (long)PagingParameters.Skip,
            Limit = PagingParameters.First == ulong.MaxValue ? (long?)null : (long)Math.Min(PagingParameters.First, long.MaxValue),
        };
        try { request.Criteria.CheckValues(); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidSearch", ErrorCategory.InvalidArgument, null));
        }

        OutputBuffer = AnalyticsApi.MaxDetailsPageSize;
        var since = LiveConversations.ListWindow(session.Connection.Options.Time.GetUtcNow()).Start;
        WriteVerbose("Listing live conversations through the analytics details query "
            + $"(conversationEnd notExists, started since {since:u}).");
        try
        {
            var written = Run(async (output, token) =>
            {
                if (PagingParameters.IncludeTotalCount)
                {
                    var total = await LiveConversations.EstimateTotalAsync(session.Api, session.Names, request, token)
                        .ConfigureAwait(false);
                    output.Write(PagingParameters.NewTotalCount((ulong)total, 0.5));
                }
                return await LiveConversations.ListAsync(session.Api, session.Names, request, output.WriteAll, token).ConfigureAwait(false);
            });
            WriteVerbose($"{written} conversations are live.");
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
        {
            ThrowFailure(e, null);
        }
    }
}
