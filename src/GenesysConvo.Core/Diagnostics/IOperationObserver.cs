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

/// <summary>The observer of the logical call in flight. An AsyncLocal, so it reaches the HTTP handlers and
/// token renewals of that call without threading a parameter through the HttpClient pipeline.</summary>
public static class OperationContext
{
    private static readonly AsyncLocal<IOperationObserver?> s_current = new AsyncLocal<IOperationObserver?>();

    public static IOperationObserver Observer => s_current.Value ?? NullObserver.Instance;

    public static void Use(IOperationObserver? observer) => s_current.Value = observer;

    private sealed class NullObserver : IOperationObserver
    {
        public static readonly NullObserver Instance = new NullObserver();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
    }
}
