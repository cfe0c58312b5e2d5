using System;
using System.Collections.Generic;
using System.Management.Automation;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Core.Conversations.Lookup;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Get-GenesysConversation: conversations by id, whatever their age — from analytics (100 ids per request) and,
/// for the ids analytics does not have yet or still shows open, from the live conversations API.</summary>
[Cmdlet(VerbsCommon.Get, "GenesysConversation")]
[OutputType(typeof(ConversationRecord), typeof(ConversationParticipantRow), typeof(ConversationSessionRow), typeof(ConversationSegmentRow))]
public sealed class GetGenesysConversationCommand : GenesysApiCmdlet
{
    /// <summary>The type name that selects the lookup's table view (with Source) for its ConversationRecords.</summary>
    public const string LookupTypeName = "GenesysConvo.ConversationRecord#Lookup";

    private readonly List<string> _ids = new List<string>();
    private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Conversation ids; binds from the pipeline by value, or from a ConversationId (or Id) property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string[] ConversationId { get; set; } = Array.Empty<string>();

    /// <summary>One row per participant, session or segment instead of one per conversation.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Expand { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // Checked here, before any id is read; no field holds the engine's type (the engine loads in its own context).
        try { HistorySearch.ParseExpansion(Expand); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidArgument", ErrorCategory.InvalidArgument, Expand));
        }
    }

    /// <summary>Collects the ids: every one is checked before the first request, and the lookup batches them.</summary>
    protected override void ProcessRecord()
    {
        foreach (var value in ConversationId)
        {
            string id = null!;
            try { id = ConversationLookup.ReadId(value); }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidConversationId", ErrorCategory.InvalidArgument, value));
            }
            if (_seen.Add(id)) _ids.Add(id);
        }
    }

    protected override void EndProcessing()
    {
        if (_ids.Count == 0) return;
        var session = ApiSession;
        var expansion = HistorySearch.ParseExpansion(Expand);
        var batches = (_ids.Count + ConversationLookup.BatchSize - 1) / ConversationLookup.BatchSize;
        WriteVerbose($"Looking up {_ids.Count} conversation ids: the analytics API first ({batches} GET "
            + $"{AnalyticsApi.ConversationsDetailsPath}?id=… of up to {ConversationLookup.BatchSize} ids), then GET "
            + $"{ConversationsApi.ConversationsPath}/{{id}} for each id analytics does not have or shows still open.");
        OutputBuffer = ConversationLookup.BatchSize;
        int analyticsRequests = 0, liveRequests = 0, fromAnalytics = 0, fromLive = 0, fromBoth = 0, missing = 0;
        foreach (var ids in ConversationLookup.Batches(_ids))
        {
            LookupBatch batch = null!;
            try
            {
                batch = Run((output, token) => ConversationLookup.LookupBatchAsync(
                    session.Api, session.Names, ids, expansion, record => output.Write(Tagged(record)), token));
            }
            catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
            {
                ThrowFailure(e, AnalyticsApi.ConversationsDetailsPath);
            }
            analyticsRequests += batch.AnalyticsRequests;
            liveRequests += batch.LiveRequests;
            fromAnalytics += batch.FromAnalytics;
            fromLive += batch.FromLive;
            fromBoth += batch.FromBoth;
            missing += batch.Missing.Count;
            // One non-terminating error per id found nowhere: the others are written all the same.
            foreach (var id in batch.Missing) WriteError(ErrorRecords.From(ConversationLookup.NotFound(id), id));
        }
        WriteVerbose($"Sent {analyticsRequests} requests to the analytics API and {liveRequests} to the live conversations API. "
            + $"Found {fromAnalytics} conversations in analytics, {fromBoth} in analytics and live (the live API's end and "
            + $"state kept), {fromLive} only live (analytics does not have them yet); {missing} not found.");
    }

    /// <summary>A ConversationRecord of the lookup shows its Source in the default table; rows stay as they are.</summary>
    private static object Tagged(object record)
    {
        if (!(record is ConversationRecord)) return record;
        var wrapped = PSObject.AsPSObject(record);
        wrapped.TypeNames.Insert(0, LookupTypeName);
        return wrapped;
    }
}
