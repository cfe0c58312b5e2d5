using System.Management.Automation;

namespace GenesysConvo.Infrastructure;

/// <summary>A cmdlet that talks to the API: takes -Session, or uses the current session of Connect-GenesysCloud.</summary>
public abstract class GenesysApiCmdlet : GenesysCmdlet
{
    /// <summary>The session to use (Connect-GenesysCloud -PassThru). Default: the current session.</summary>
    [Parameter]
    [ValidateNotNull]
    [PSDefaultValue(Help = "the current session (the last Connect-GenesysCloud)")]
    public GenesysCloudSession? Session { get; set; }

    /// <summary>-Session or the current session; a terminating error when there is none.</summary>
    protected GenesysCloudSession ApiSession
    {
        get
        {
            var session = Session ?? GenesysCloudSession.Current;
            if (session is null)
            {
                ThrowTerminatingError(ErrorRecords.NotConnected(
                    "Not connected to Genesys Cloud. Run Connect-GenesysCloud first, or pass -Session."));
            }
            if (!session!.IsConnected)
            {
                ThrowTerminatingError(ErrorRecords.NotConnected(
                    "This session was closed by Disconnect-GenesysCloud. Run Connect-GenesysCloud again."));
            }
            return session;
        }
    }
}
