using System.Management.Automation;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Get-GenesysCloudContext: where the session is connected, as whom, and until when. Never the token or secret.</summary>
[Cmdlet(VerbsCommon.Get, "GenesysCloudContext")]
[OutputType(typeof(GenesysCloudContext))]
public sealed class GetGenesysCloudContextCommand : GenesysCmdlet
{
    /// <summary>The session to describe. Default: the current session.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    [PSDefaultValue(Help = "the current session (the last Connect-GenesysCloud)")]
    public GenesysCloudSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        var session = Session ?? GenesysCloudSession.Current;
        if (session is null || !session.IsConnected)
        {
            WriteVerbose("Not connected: run Connect-GenesysCloud.");
            return;
        }
        WriteObject(session.GetContext());
    }
}
