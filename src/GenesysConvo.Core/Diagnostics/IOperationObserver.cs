using System.Threading;

namespace GenesysConvo.Core.Diagnostics;

/// <summary>Where the engine reports what it does. The cmdlet behind the current call implements it and
/// forwards to its Verbose/Debug/Warning streams on the pipeline thread. Messages never carry secrets.</summary>
public interface IOperationObserver
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
}

/// <summary>Implemented by observers that can show progress (the cmdlets' Write-Progress).</summary>
public interface IProgressObserver
{
    /// <summary>percent -1 = unknown; completed = the activity is over.</summary>
    void Progress(string activity, string status, int percent, string? currentOperation, bool completed = false);
}

/// <summary>Implemented by observers that know whether anyone reads their Debug stream, so the engine does not build
/// a Debug message nobody sees (a response body is as large as the page: read as text and redacted, it cost more than
/// the records made of it).</summary>
public interface IDebugAudience
{
    bool ShowsDebug { get; }
}

/// <summary>The observer of the logical call in flight. An AsyncLocal, so it reaches the HTTP handlers and
/// token renewals of that call without threading a parameter through the HttpClient pipeline.</summary>
public static class OperationContext
{
    private static readonly AsyncLocal<IOperationObserver?> s_current = new AsyncLocal<IOperationObserver?>();

    public static IOperationObserver Observer => s_current.Value ?? NullObserver.Instance;

    public static void Use(IOperationObserver? observer) => s_current.Value = observer;

    /// <summary>Whether a Debug message of the call in flight is read by anyone (an observer that cannot tell: yes).</summary>
    public static bool ShowsDebug => !(Observer is IDebugAudience audience) || audience.ShowsDebug;

    private sealed class NullObserver : IOperationObserver, IDebugAudience
    {
        public static readonly NullObserver Instance = new NullObserver();
        public bool ShowsDebug => false;
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
    }
}
