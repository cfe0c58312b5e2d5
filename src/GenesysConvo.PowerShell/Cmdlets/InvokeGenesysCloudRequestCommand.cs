using System;
using System.Collections;
using System.Management.Automation;
using System.Net.Http;
using GenesysConvo.Core.Http;
using GenesysConvo.Core.Json;
using GenesysConvo.Infrastructure;

namespace GenesysConvo.Cmdlets;

/// <summary>Invoke-GenesysCloudRequest: any API call over the session's token, retries and logging — the escape hatch
/// for endpoints the module has no cmdlet for. Returns the parsed JSON.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "GenesysCloudRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeGenesysCloudRequestCommand : GenesysApiCmdlet
{
    /// <summary>The API path, e.g. /api/v2/users/me (a full URL on the session's API host is accepted too).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(MethodCompleter))]
    [ValidateNotNullOrEmpty]
    public string Method { get; set; } = "GET";

    /// <summary>Query parameters; an array value becomes repeated keys (?id=a&amp;id=b), as the API expects.</summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary>The JSON body: a string as it is, anything else (hashtable, object) converted to JSON.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Body { get; set; }

    /// <summary>Return the response body as a string instead of parsed objects.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ApiSession.Connection;
        HttpMethod method = null!;
        try { method = RawRequest.Method(Method); }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidMethod", ErrorCategory.InvalidArgument, Method));
        }
        string pathAndQuery;
        try
        {
            var built = RequestUris.Build(Path, PSObjects.Unwrap(Query), connection.Options.EffectiveApiBaseUri);
            pathAndQuery = RawRequest.NormalizePath(built);
            if (pathAndQuery != built) WriteVerbose($"The path {built} is sent as {pathAndQuery}.");
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, "GenesysConvo.InvalidPath", ErrorCategory.InvalidArgument, Path));
            return;
        }

        var json = PSObjects.ToJson(this, Body);
        if (method != HttpMethod.Get && !ShouldProcess(pathAndQuery, method.Method)) return;

        Core.Session.ApiResponse response = null!;
        try { response = Run(token => connection.SendAsync(method, pathAndQuery, json, token)); }
        catch (GenesysApiException e) { ThrowFailure(e, pathAndQuery); }

        if (Raw) { WriteObject(response.Body); return; }
        if (!JsonTree.TryParse(response.Body, out var parsed))
        {
            WriteWarning("The response is not JSON; returning it as text.");
            WriteObject(response.Body);
            return;
        }
        if (parsed != null) WriteObject(PSObjects.FromJsonTree(parsed), enumerateCollection: true);
    }
}
