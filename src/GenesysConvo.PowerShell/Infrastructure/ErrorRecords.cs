using System;
using System.Management.Automation;

namespace GenesysConvo.Infrastructure;

/// <summary>The one mapping from engine failures to ErrorRecords: a stable error id, the category a script can
/// branch on, the target, and a message that names the fix.</summary>
internal static class ErrorRecords
{
    /// <param name="showsRecommendation">Whether the error will be shown in ConciseView, the only view that prints
    /// ErrorDetails.RecommendedAction ("Recommendation: …"): then the fix moves there instead of being said twice.
    /// Elsewhere (NormalView, Windows PowerShell 5.1, logs) the message alone carries it.</param>
    public static ErrorRecord From(Exception exception, object? target, bool showsRecommendation = false)
    {
        switch (exception)
        {
            case GenesysApiException api:
                var record = new ErrorRecord(api, api.ErrorId, CategoryOf(api.Kind), target ?? api.Path);
                if (showsRecommendation && api.Recommendation is { Length: > 0 } fix && api.Message.Contains(" " + fix))
                {
                    // The exception keeps the whole text (logs, catch blocks); the view shows the fix once.
                    record.ErrorDetails = new ErrorDetails(api.Message.Replace(" " + fix, "")) { RecommendedAction = fix };
                }
                return record;
            case ArgumentException argument:
                return new ErrorRecord(argument, "GenesysConvo.InvalidArgument", ErrorCategory.InvalidArgument, target);
            case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                return From(aggregate.InnerException!, target, showsRecommendation);
            default:
                return new ErrorRecord(exception, "GenesysConvo.Unexpected", ErrorCategory.NotSpecified, target);
        }
    }

    public static ErrorRecord NotConnected(string message) =>
        new ErrorRecord(new System.InvalidOperationException(message), "GenesysConvo.NotConnected", ErrorCategory.ConnectionError, null);

    private static ErrorCategory CategoryOf(GenesysErrorKind kind) => kind switch
    {
        GenesysErrorKind.Authentication => ErrorCategory.AuthenticationError,
        GenesysErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        GenesysErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        GenesysErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        GenesysErrorKind.ServiceUnavailable => ErrorCategory.ConnectionError,
        GenesysErrorKind.Connection => ErrorCategory.ConnectionError,
        GenesysErrorKind.Timeout => ErrorCategory.OperationTimeout,
        GenesysErrorKind.Conflict => ErrorCategory.ResourceExists,
        GenesysErrorKind.InvalidResponse => ErrorCategory.InvalidResult,
        _ => ErrorCategory.InvalidArgument,
    };
}
