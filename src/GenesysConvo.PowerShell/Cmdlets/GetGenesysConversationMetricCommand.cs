using System;
using System.Linq;
using System.Management.Automation;
using GenesysConvo.Core.Analytics;
using GenesysConvo.Core.Metrics;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Get-GenesysConversationMetric: handle time, AHT, offered/answered/abandoned, service level … computed by the
/// analytics aggregates API, per group (queue, agent, media …) and interval.</summary>
[Cmdlet(VerbsCommon.Get, "GenesysConversationMetric", DefaultParameterSetName = TimeRangeSet)]
[OutputType(typeof(ConversationMetricRow), typeof(ConversationMetricValue))]
public sealed class GetGenesysConversationMetricCommand : GenesysAnalyticsCmdlet
{
    /// <summary>Bucket size: PT15M, PT30M, PT1H, P1D, P7D, P1M … or a TimeSpan. Default: one bucket for the window.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(GranularityCompleter))]
    [ValidateNotNull]
    [PSDefaultValue(Help = "one bucket for the whole window")]
    public object Granularity { get; set; } = null!;

    /// <summary>IANA or Windows time zone id for day/week/month buckets; default: this machine's zone.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TimeZoneCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "this machine's time zone")]
    public string? TimeZone { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(DimensionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] GroupBy { get; set; } = Array.Empty<string>();

    [Parameter]
    [ArgumentCompleter(typeof(MetricNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Metric { get; set; } = MetricCatalog.DefaultMetrics.ToArray();

    /// <summary>The long form: one row per group × interval × metric.</summary>
    [Parameter]
    public SwitchParameter AsMetricRows { get; set; }

    protected override void ProcessRecord()
    {
        var session = ApiSession;
        RequestPlan plan = null!;
        var request = new MetricRequest
        {
            GroupBy = GroupBy, Metrics = Metric, Queues = QueueId, Users = UserId, MediaTypes = MediaType, Directions = Direction,
            Long = AsMetricRows,
            FilterJson = FilterJson,
            QueryJson = QueryJson,
        };
        try
        {
            (request.Zone, request.TimeZoneId) = TimeZones.Resolve(TimeZone);
            request.Window = ResolveWindow(ConversationMetrics.IntervalOf(request.QueryJson), session.Connection.Options.Time.GetUtcNow());
            request.Granularity = Granularity is null
                ? null
                : Core.Metrics.Granularity.Parse(Granularity is PSObject ps ? ps.BaseObject : Granularity);
            ConversationMetrics.Validate(request);
            plan = ConversationMetrics.Plan(request);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidMetricQuery", ErrorCategory.InvalidArgument, null));
        }
        if (!ConfirmRequests(plan, request.Window.ToInterval())) return;

        try
        {
            var written = Run((output, token) => ConversationMetrics.QueryAsync(
                session.Api, session.Names, request, row => output.Write(WithMetricColumns((MetricRowBase)row, request)), token));
            WriteVerbose($"Wrote {written} rows.");
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
        {
            ThrowFailure(e, request.Window.ToInterval());
        }
    }

    /// <summary>The row with its columns in a spreadsheet's order (MetricColumns): interval, group, headline figures, then
    /// each requested metric's raw statistics. The typed columns are repeated as note properties because PowerShell lists
    /// a wrapped object's notes before its own properties, and those before the base class's; the row stays the typed
    /// object underneath (-is, $row.Metrics).</summary>
    private static PSObject WithMetricColumns(MetricRowBase row, MetricRequest request)
    {
        var wrapped = new PSObject(row);
        foreach (var column in MetricColumns.Of(row, request.Metrics)) wrapped.Properties.Add(new PSNoteProperty(column.Key, column.Value));
        return wrapped;
    }
}
