using System;
using System.Collections.Generic;

namespace GenesysConvo;

/// <summary>What went wrong, in terms a cmdlet can turn into an ErrorRecord: the kind decides the
/// error category, Code is the API's own error code, and the message says what to do.</summary>
public enum GenesysErrorKind
{
    InvalidRequest,
    Authentication,
    PermissionDenied,
    NotFound,
    Conflict,
    RateLimited,
    ServiceUnavailable,
    Connection,
    Timeout,
    InvalidResponse,
}

/// <summary>A failed call to the Genesys Cloud API or login service; scripts catch it as
/// [GenesysConvo.GenesysApiException]. The message never contains a token or secret.</summary>
public class GenesysApiException : Exception
{
    public GenesysApiException(GenesysErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public GenesysErrorKind Kind { get; }
    /// <summary>HTTP status, or null when no response arrived.</summary>
    public int? StatusCode { get; set; }
    /// <summary>The API's error code (ErrorBody.code, or the OAuth "error" of the login service).</summary>
    public string? ErrorCode { get; set; }
    public string? CorrelationId { get; set; }
    public string? Method { get; set; }
    public string? Path { get; set; }
    public int Attempts { get; set; } = 1;
    /// <summary>What to do about it, when the module knows: the sentence of the message that names the fix.</summary>
    public string? Recommendation { get; set; }
    /// <summary>Permissions the API says are missing (403 missing.permissions / missing.any.permissions).</summary>
    public IReadOnlyList<string> MissingPermissions { get; set; } = Array.Empty<string>();
    /// <summary>A stable identifier for ErrorRecords, e.g. "GenesysConvo.NotFound" or "GenesysConvo.BadCredentials".</summary>
    public string ErrorId
    {
        get => _errorId ?? "GenesysConvo." + Kind;
        set => _errorId = value;
    }

    private string? _errorId;
}
