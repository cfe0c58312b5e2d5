using System.Management.Automation;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Disconnect-GenesysCloud: forgets the session's token and closes its connections.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "GenesysCloud", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class DisconnectGenesysCloudCommand : GenesysCmdlet
{
    /// <summary>The session to close. Default: the current session.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [PSDefaultValue(Help = "the current session (the last Connect-GenesysCloud)")]
    public GenesysCloudSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var session = Session ?? GenesysCloudSession.Current;
        if (session is null)
        {
            WriteVerbose("Not connected: nothing to disconnect.");
            return;
        }
        if (!ShouldProcess(session.ToString(), "Disconnect")) return;
        if (ReferenceEquals(GenesysCloudSession.Current, session)) GenesysCloudSession.Current = null;
        session.IsConnected = false;
        session.Api.Dispose();
        WriteVerbose($"Disconnected from {session}.");
    }
}
