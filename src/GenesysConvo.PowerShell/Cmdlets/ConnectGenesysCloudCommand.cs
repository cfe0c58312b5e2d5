using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using GenesysConvo.Core.Api;
using GenesysConvo.Core.Auth;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Session;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Connect-GenesysCloud: OAuth client credentials (renewed by the module), or a token obtained elsewhere.</summary>
[Cmdlet(VerbsCommunications.Connect, "GenesysCloud", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GenesysCloudSession))]
public sealed partial class ConnectGenesysCloudCommand : GenesysCmdlet
{
    private const string ClientSecretSet = "ClientSecret";
    private const string CredentialSet = "Credential";
    private const string AccessTokenSet = "AccessToken";
    private const string EnvironmentSet = "Environment";

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
    [ValidateNotNullOrEmpty]
    public string ClientId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
    [SecureStringTransformation("-ClientSecret takes a SecureString, not plain text. Type it with " +
        "-ClientSecret (Read-Host 'Client secret' -AsSecureString), take it from a vault (Get-Secret), pass -Credential, " +
        "or set the environment variable GENESYSCLOUD_OAUTHCLIENT_SECRET (with GENESYSCLOUD_OAUTHCLIENT_ID) and run " +
        "Connect-GenesysCloud without -ClientId and -ClientSecret.")]
    [ValidateNotNull]
    public SecureString ClientSecret { get; set; } = null!;

    /// <summary>User name = OAuth client id, password = client secret (an Azure Automation credential asset).</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [SecureStringTransformation("-AccessToken takes a SecureString, not plain text. Convert the token with " +
        "-AccessToken (ConvertTo-SecureString $token -AsPlainText -Force), or set the environment variable " +
        "GENESYSCLOUD_ACCESS_TOKEN and run Connect-GenesysCloud without -AccessToken.")]
    [ValidateNotNull]
    public SecureString AccessToken { get; set; } = null!;

    /// <summary>When the supplied token expires, if known: the module warns before then.</summary>
    [Parameter(ParameterSetName = AccessTokenSet)]
    [InstantTransformation]
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "GENESYSCLOUD_REGION, else us-east-1")]
    public string? Region { get; set; }

    [Parameter]
    [ValidateNotNull]
    [PSDefaultValue(Help = "GENESYSCLOUD_API_BASE_URI, else the API host of -Region")]
    public Uri? ApiBaseUri { get; set; }

    [Parameter]
    [ValidateNotNull]
    [PSDefaultValue(Help = "GENESYSCLOUD_LOGIN_BASE_URI, else the login host of -ApiBaseUri or -Region")]
    public Uri? LoginBaseUri { get; set; }

    [Parameter]
    [ValidateRange(0, 50)]
    public int MaxRetryCount { get; set; } = new RetryOptions().MaxRetryCount;

    [Parameter]
    public TimeSpan MaxRetryDuration { get; set; } = new RetryOptions().MaxDuration;

    [Parameter]
    public TimeSpan RetryDelay { get; set; } = new RetryOptions().BaseDelay;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var options = new ConnectionOptions
        {
            ApiBaseUri = ApiBaseUri,
            LoginBaseUri = LoginBaseUri,
            Retry = new RetryOptions { MaxRetryCount = MaxRetryCount, MaxDuration = MaxRetryDuration, BaseDelay = RetryDelay },
        };
        var environment = EnvironmentSettings.Read(Environment.GetEnvironmentVariable);
        try { options.Region = ResolveRegion(environment); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(
                new ErrorRecord(e, "GenesysConvo.UnknownRegion", ErrorCategory.InvalidArgument, Region ?? environment.Region));
        }
        try
        {
            // The environment's base URIs stand in for -ApiBaseUri/-LoginBaseUri only when no endpoint parameter is given.
            if (Region is null && ApiBaseUri is null && LoginBaseUri is null)
                foreach (var used in environment.ApplyEndpointsTo(options)) WriteVerbose($"Using {used} from the environment.");
            // The default region is worth a word only when it is used: custom base URIs replace it.
            if (Region is null && environment.Region is null && options.ApiBaseUri is null)
                WriteVerbose($"No -Region or {EnvironmentSettings.RegionVariable}: using {GenesysRegion.Default}.");
            ApplyCredentials(options, environment);
            options.Validate();
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidConnectionSetting", ErrorCategory.InvalidArgument, null));
        }

        WriteVerbose($"Connecting to {options.EffectiveApiBaseUri} (login {options.EffectiveLoginBaseUri}).");
        GenesysApi api = null!;
        try
        {
            api = Run(token => GenesysApi.ConnectAsync(options, token));
        }
        catch (Exception e) when (e is GenesysApiException || e is ArgumentException)
        {
            ThrowFailure(e, options.EffectiveLoginBaseUri);
        }

        var session = new GenesysCloudSession(api);
        GenesysCloudSession.Current = session;
        WriteVerbose($"Connected to {session.OrganizationName ?? session.Environment} as {(session.ClientId ?? "a supplied token")}"
            + "; this is now the current session.");
        if (PassThru) WriteObject(session);
    }

    /// <summary>The credentials of the parameter set used, or of the environment when none was given.</summary>
    private void ApplyCredentials(ConnectionOptions options, EnvironmentSettings environment)
    {
        switch (ParameterSetName)
        {
            case ClientSecretSet:
                options.ClientId = ClientId;
                options.ClientSecret = new ClientSecret(Plain(ClientSecret));
                break;
            case CredentialSet:
                options.ClientId = Credential.UserName;
                options.ClientSecret = new ClientSecret(Plain(Credential.Password));
                break;
            case AccessTokenSet:
                options.AccessToken = new AccessToken(Plain(AccessToken), AccessTokenExpiresAt);
                break;
            case InteractiveSet:
                ApplyInteractive(options);
                break;
            default:
                environment.ApplyCredentialsTo(options);
                var credentialVariable = options.AccessToken is null
                    ? EnvironmentSettings.ClientIdVariable
                    : EnvironmentSettings.AccessTokenVariable;
                WriteVerbose("Using credentials from the environment (" + credentialVariable + ").");
                break;
        }
    }

    private GenesysRegion ResolveRegion(EnvironmentSettings environment)
    {
        var value = Region ?? environment.Region;
        if (value is null) return GenesysRegion.Default;
        try
        {
            return GenesysRegion.Resolve(value);
        }
        catch (ArgumentException e) when (Region is null)
        {
            // Say where the bad value came from: a runbook's environment is easy to overlook.
            throw new ArgumentException(e.Message.Replace($"'{value}'", $"'{value}' (from {environment.RegionSource})"));
        }
    }

    private static string Plain(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
}
