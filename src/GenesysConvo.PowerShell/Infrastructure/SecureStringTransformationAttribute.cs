using System.Management.Automation;
using System.Security;

namespace GenesysConvo.Infrastructure;

/// <summary>Binds a SecureString parameter (-ClientSecret, -AccessToken) and refuses plain text with the fix, instead of
/// PowerShell's "Cannot convert the value of type System.String to type SecureString". Refused rather than accepted with
/// a warning: a secret typed as plain text also sits in the history, in transcripts and in the script, and a warning
/// would make that the habit. The value itself is never repeated in the message.</summary>
public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    /// <param name="fix">The whole message for plain text: the parameter and the ways to pass it as a SecureString.</param>
    public SecureStringTransformationAttribute(string fix) => Fix = fix;

    public string Fix { get; }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is string) throw new ArgumentTransformationMetadataException(Fix);
        return value is SecureString ? value : inputData;
    }
}
