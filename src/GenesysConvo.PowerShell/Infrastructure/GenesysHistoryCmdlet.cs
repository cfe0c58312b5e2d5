using System;
using System.Management.Automation;
using GenesysConvo.Core.Conversations.History;

namespace GenesysConvo.Infrastructure;

/// <summary>The filters and row shapes of conversation history, shared by Search-GenesysConversationHistory (a stream for
/// pipelines) and Export-GenesysConversationHistory (a file for runbooks): what one finds, the other exports.</summary>
public abstract class GenesysHistoryCmdlet : GenesysAnalyticsCmdlet
{
    [Parameter]
    [Alias("WrapUpCodeId")]
    [ArgumentCompleter(typeof(WrapUpCodeNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] WrapUpCode { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] DivisionId { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Ani { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Dnis { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] ConversationId { get; set; } = Array.Empty<string>();

    [Parameter]
    public TimeSpan? MinimumDuration { get; set; }

    /// <summary>Also return conversations still in progress (by default only completed ones).</summary>
    [Parameter]
    public SwitchParameter IncludeActive { get; set; }

    /// <summary>One row per participant, session or segment instead of one per conversation.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Expand { get; set; }

    /// <summary>Use the asynchronous jobs API (bulk export) for the part of the window the datalake holds.</summary>
    [Parameter]
    public SwitchParameter Bulk { get; set; }

    [Parameter]
    [ValidateRange(1, 100)]
    public int PageSize { get; set; } = 100;

    /// <summary>The parameters as the history criteria the engine reads.</summary>
    protected HistoryCriteria Criteria() => new HistoryCriteria
    {
        Queues = QueueId, Users = UserId, WrapUpCodes = WrapUpCode, MediaTypes = MediaType, Directions = Direction,
        DivisionIds = DivisionId, Anis = Ani, Dnises = Dnis, ConversationIds = ConversationId,
        MinimumDuration = MinimumDuration, IncludeActive = IncludeActive, FilterJson = FilterJson, QueryJson = QueryJson,
    };

    /// <summary>-Expand as the engine reads it; an unknown value is an ArgumentException listing the valid ones.</summary>
    protected HistoryExpansion Expansion() => HistorySearch.ParseExpansion(Expand);
}
