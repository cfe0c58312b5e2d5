namespace GenesysConvo.Core.Analytics;

/// <summary>The API calls a command will make, counted before it makes any. Every call counts against the org's rate
/// limit, which the OAuth client shares with everything else that uses it, so a window typed ten times too long must not
/// spend it quietly: above <see cref="UnconfirmedMaximum"/> calls a command asks first where someone can answer, and
/// needs -Force in a script or runbook.</summary>
public sealed class RequestPlan
{
    public const int UnconfirmedMaximum = 100;

    public RequestPlan(int calls, string description)
    {
        Calls = calls;
        Description = description;
    }

    public int Calls { get; }

    /// <summary>The window and what the calls are: "Reading … needs 127 aggregates queries (one per 31 days)".</summary>
    public string Description { get; }

    public bool NeedsConsent => Calls > UnconfirmedMaximum;

    public string Message =>
        $"{Description}, more than the {UnconfirmedMaximum} API calls the module makes without asking; "
        + "each counts against the org's rate limit.";
}
