using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Session;

namespace GenesysConvo.Cmdlets;

/// <summary>Connect-GenesysCloud -Interactive: the user signs in through the browser (authorization code + PKCE), or,
/// with -NoBrowser or where no browser can open, opens the address anywhere and pastes back where the browser ended.</summary>
public sealed partial class ConnectGenesysCloudCommand
{
    private const string InteractiveSet = "Interactive";

    /// <summary>Sign in as yourself in the browser; -ClientId is a Code Authorization (PKCE) OAuth client.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
    public SwitchParameter Interactive { get; set; }

    /// <summary>Show the sign-in address instead of opening a browser, and read back the address the browser ends on.</summary>
    [Parameter(ParameterSetName = InteractiveSet)]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>How long to wait for the browser to come back from the sign-in.</summary>
    [Parameter(ParameterSetName = InteractiveSet)]
    public TimeSpan LoginTimeout { get; set; } = TimeSpan.FromMinutes(5);

    private void ApplyInteractive(ConnectionOptions options)
    {
        if (LoginTimeout <= TimeSpan.Zero) throw new ArgumentException("-LoginTimeout must be longer than zero, for example 00:05:00.");
        options.ClientId = ClientId;
        options.Interactive = new InteractiveLoginOptions { Timeout = LoginTimeout };
        options.Validate();
        if (NoBrowser) { ReadPastedSignIn(options); return; }
        if (SystemBrowser.IsAvailable()) return;
        if (!CanPrompt)
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    "No browser can be opened here and no one can answer a prompt. Sign in where a browser opens, set "
                    + $"{SystemBrowser.BrowserVariable} to a browser program, or connect with -ClientId and -ClientSecret."),
                "GenesysConvo.NoBrowser", ErrorCategory.InvalidOperation, null));
        WriteWarning("No browser can be opened here: open the address below in a browser on any machine instead.");
        ReadPastedSignIn(options);
    }

    /// <summary>The paste flow, on the pipeline thread (it talks to the host): the address to open, then the address the
    /// browser ended on. A loopback listener answers a browser on this machine with how to copy that address.</summary>
    private void ReadPastedSignIn(ConnectionOptions options)
    {
        using var listener = LoopbackRedirectListener.Start(
            "Signed in. Copy this page's address from the address bar and paste it into PowerShell.");
        var request = new AuthorizationRequest(options.EffectiveLoginBaseUri, ClientId.Trim(), listener.RedirectUri);
        string? pasted;
        try
        {
            Host.UI.WriteLine("Open this address in a browser and sign in to Genesys Cloud:");
            Host.UI.WriteLine(request.Uri.AbsoluteUri);
            Host.UI.WriteLine($"Then paste the address the browser ends on ({listener.RedirectUri}?code=...):");
            pasted = Host.UI.ReadLine();
        }
        catch (Exception e) when (e is HostException || e is PSInvalidOperationException || e is NotImplementedException)
        {
            pasted = null;
        }
        if (string.IsNullOrWhiteSpace(pasted))
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                    "No address was pasted, so the sign-in did not finish. Run Connect-GenesysCloud -Interactive -NoBrowser at an "
                    + "interactive console and paste the address the browser ends on."),
                "GenesysConvo.AuthorizationAnswerMissing", ErrorCategory.InvalidOperation, null));
        options.Interactive!.UseBrowser = false;
        options.Interactive.Answered = Tuple.Create(request, pasted!);
    }
}
