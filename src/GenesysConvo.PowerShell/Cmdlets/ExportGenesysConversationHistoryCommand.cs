using System;
using System.IO;
using System.Management.Automation;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Analytics.Details;
using GenesysConvo.Core.Conversations.Export;
using GenesysConvo.Core.Conversations.History;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Export-GenesysConversationHistory: conversation history to a CSV or JSON Lines file, for runbooks. The file
/// takes its name only when complete; -CheckpointPath continues a failed run; -Incremental exports each conversation
/// once, when it has ended. A failure stops the script (pwsh -File exits non-zero) without $ErrorActionPreference.</summary>
[Cmdlet(VerbsData.Export, "GenesysConversationHistory", DefaultParameterSetName = TimeRangeSet, SupportsShouldProcess = true,
    ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(ExportSummary))]
public sealed class ExportGenesysConversationHistoryCommand : GenesysHistoryCmdlet
{
    /// <summary>The file: .csv (one row per record) or .jsonl (one JSON object per line). An older file there is replaced
    /// only when the export is complete.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Where progress is recorded after every page on disk; running the same command again continues there.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CheckpointPath { get; set; }

    /// <summary>Export what started since the last run (recorded in -CheckpointPath), and what was open then and has ended since.</summary>
    [Parameter]
    public SwitchParameter Incremental { get; set; }

    protected override void ProcessRecord()
    {
        var session = ApiSession;
        var request = new ExportRequest
        {
            Path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path),
            CheckpointPath = CheckpointPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CheckpointPath),
            Incremental = Incremental, IncludeActive = IncludeActive, PageSize = PageSize,
            Source = Bulk ? DetailsSource.Jobs : DetailsSource.Auto,
        };
        var criteria = Criteria();
        // An incremental run must see the open conversations, to keep them for a later run instead of losing them.
        criteria.IncludeActive |= Incremental;
        request.Asked = criteria.Describe();
        HistoryExport export = null!;
        RequestPlan plan = null!;
        try
        {
            var now = session.Connection.Options.Time.GetUtcNow();
            request.Expand = Expansion();
            request.Window = ResolveWindow(criteria.Validate().Interval, now);
            plan = HistorySearch.Plan(criteria, request, includeTotalCount: false, now);
            export = new HistoryExport(session.Api, session.Names, request);
        }
        catch (ArgumentException e)
        {
            Fail(new ErrorRecord(e, "GenesysConvo.InvalidExport", ErrorCategory.InvalidArgument, Path));
        }
        if (!ShouldProcess(request.Path, $"Export conversations that started in {request.Window}")) return;
        if (!ConfirmRequests(plan, request.Window.ToInterval(), Fail)) return;

        try
        {
            var summary = Run(async (output, token) =>
            {
                request.Query = await criteria.BuildAsync(session.Names, token).ConfigureAwait(false);
                return await export.RunAsync(token).ConfigureAwait(false);
            });
            WriteVerbose($"Exported {summary.Rows} rows of {summary.Conversations} conversations to {summary.Path}" +
                         (summary.Pending > 0 ? $"; {summary.Pending} still open, exported by a later run." : "."));
            WriteObject(summary);
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException || e is IOException
                                  || e is InvalidOperationException || e is UnauthorizedAccessException)
        {
            var record = e is GenesysApiException || e is ArgumentException
                ? ErrorRecords.From(e, request.Path)
                : new ErrorRecord(e, "GenesysConvo.ExportFile", ErrorCategory.WriteError, request.Path);
            if (request.CheckpointPath != null)
                record.ErrorDetails = new ErrorDetails(
                    e.Message + $" Run the same command again to continue from the checkpoint '{request.CheckpointPath}'.");
            Fail(record);
        }
    }

    /// <summary>Stops the script, not only this statement: a runbook's export that failed must not end in success.</summary>
    private void Fail(ErrorRecord record) =>
        throw new RuntimeException(record.ErrorDetails?.Message ?? record.Exception.Message, record.Exception, record)
        {
            WasThrownFromThrowStatement = true,
        };
}
