using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using GenesysConvo.Core.Analytics;

namespace GenesysConvo.Infrastructure;

/// <summary>The time window and the everyday filters the analytics cmdlets share, bound the same way everywhere:
/// -StartTime/-EndTime (culture-safe, local unless an offset is given) or an ISO-8601 -Interval, and queues, users,
/// media types and directions.</summary>
public abstract class GenesysAnalyticsCmdlet : GenesysApiCmdlet
{
    protected const string TimeRangeSet = "TimeRange";
    protected const string IntervalSet = "Interval";

    [Parameter(ParameterSetName = TimeRangeSet, Position = 0)]
    [Alias("After", "Since")]
    [InstantTransformation]
    [PSDefaultValue(Help = "24 hours before -EndTime")]
    public DateTimeOffset? StartTime { get; set; }

    [Parameter(ParameterSetName = TimeRangeSet, Position = 1)]
    [Alias("Before", "Until")]
    [InstantTransformation]
    [PSDefaultValue(Help = "now")]
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>An ISO-8601 "start/end" interval, as the API writes it.</summary>
    [Parameter(ParameterSetName = IntervalSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Interval { get; set; } = null!;

    [Parameter]
    [Alias("Queue")]
    [ArgumentCompleter(typeof(QueueNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] QueueId { get; set; } = Array.Empty<string>();

    [Parameter]
    [Alias("User", "Agent")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] UserId { get; set; } = Array.Empty<string>();

    [Parameter]
    [ArgumentCompleter(typeof(MediaTypeCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] MediaType { get; set; } = Array.Empty<string>();

    [Parameter]
    [ArgumentCompleter(typeof(DirectionCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Direction { get; set; } = Array.Empty<string>();

    /// <summary>Filters in the API's own structure (a hashtable or its JSON): the details query's filters keyed by
    /// level for history, an aggregate filter for metrics. Each cmdlet's help shows the shape.</summary>
    [Parameter]
    [ValidateNotNull]
    public object Filter { get; set; } = null!;

    /// <summary>A whole query body in the API's own structure (a hashtable or its JSON); the parameters add to it.</summary>
    [Parameter]
    [ValidateNotNull]
    public object Query { get; set; } = null!;

    /// <summary>Make the API calls even when there are more than 100 of them, without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>-Filter as JSON, exactly as the user sees it.</summary>
    protected string? FilterJson => Filter is null ? null : PSObjects.ToJson(this, Filter);

    /// <summary>-Query as JSON, exactly as the user sees it.</summary>
    protected string? QueryJson => Query is null ? null : PSObjects.ToJson(this, Query);

    /// <summary>The window from the parameters, else <paramref name="fromBody"/> (a -Query's interval), else the last 24 hours;
    /// one that starts before 2010 or ends more than a day after now is refused.</summary>
    protected TimeWindow ResolveWindow(TimeWindow? fromBody, DateTimeOffset now) =>
        AnalyticsWindow.Resolve(StartTime, EndTime, Interval, fromBody, now);

    /// <summary>True when the plan may go ahead: it is small, -Force was given, or the user said yes. Where no one can
    /// answer (a runbook, a job, pwsh -NonInteractive) a plan of more than 100 calls without -Force is a terminating
    /// error, GenesysConvo.ForceRequired, before any request.</summary>
    protected bool ConfirmRequests(RequestPlan plan, object? target) => ConfirmRequests(plan, target, ThrowTerminatingError);

    /// <summary>The same, failing through <paramref name="fail"/> (a cmdlet that stops the whole script).</summary>
    protected bool ConfirmRequests(RequestPlan plan, object? target, Action<ErrorRecord> fail)
    {
        if (!plan.NeedsConsent || Force) return true;
        if (CanPrompt)
        {
            try { return ShouldContinue(plan.Message + " Send them?", "Many API calls"); }
            catch (Exception e) when (e is InvalidOperationException || e is HostException || e is NotImplementedException)
            {
                // The host cannot prompt after all: as unattended.
            }
        }
        fail(new ErrorRecord(
            new ArgumentException(plan.Message + " Add -Force to make them anyway, or shorten the window."),
            "GenesysConvo.ForceRequired", ErrorCategory.InvalidArgument, target));
        return false;
    }
}
