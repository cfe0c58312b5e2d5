using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Infrastructure;

/// <summary>The lifecycle every cmdlet of the module shares: a CancellationToken made in BeginProcessing and
/// cancelled in StopProcessing (Ctrl+C), engine work run off the pipeline thread while this thread writes what
/// it reports (verbose, debug, warnings, records) as it happens, and engine failures turned into ErrorRecords.</summary>
public abstract class GenesysCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? _cancellation;

    protected CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

    protected override void BeginProcessing()
    {
        _cancellation ??= new CancellationTokenSource();
        DebugWithoutInquire();
    }

    /// <summary>-Debug makes a compiled cmdlet ask "Continue?" at every verbose and warning line (pwsh 7) and every debug
    /// line (Windows PowerShell 5.1): the runtime turns those preferences to Inquire. In a host where no one can answer
    /// (pwsh -NonInteractive, runbooks) that fails the command. The module's lines are a trace (requests, bodies), not
    /// breakpoints: with -Debug, or where no one can answer, they are written as Continue writes them. An Inquire asked
    /// for explicitly (-WarningAction Inquire, or a preference variable where someone can answer) still asks. The runtime
    /// has no public setter for these; on a runtime without them, as before.</summary>
    private void DebugWithoutInquire()
    {
        var bound = MyInvocation.BoundParameters;
        var fromDebug = bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true };
        var canPrompt = CanPrompt;
        foreach (var (name, explicitParameter, setter, value) in s_inquiringPreferences)
        {
            var runtime = CommandRuntime;
            var type = runtime?.GetType();
            var preference = type?.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic);
            var set = type?.GetProperty(setter, BindingFlags.Instance | BindingFlags.NonPublic);
            if (preference is null || set is null || !set.CanWrite || !(preference.GetValue(runtime) is ActionPreference.Inquire)) continue;
            var asked = explicitParameter != null && bound.ContainsKey(explicitParameter);
            if ((fromDebug && !asked) || !canPrompt) set.SetValue(runtime, value);
        }
    }

    /// <summary>The runtime's preferences -Debug may turn to Inquire, the parameter that sets each one explicitly, and the
    /// runtime property that makes it Continue (the verbose preference has no setter: its -Verbose flag does it).</summary>
    private static readonly (string Name, string? ExplicitParameter, string Setter, object Value)[] s_inquiringPreferences =
    {
        ("DebugPreference", null, "DebugPreference", ActionPreference.Continue),
        ("VerbosePreference", "Verbose", "Verbose", true),
        ("WarningPreference", "WarningAction", "WarningPreference", ActionPreference.Continue),
    };

    protected override void StopProcessing() => _cancellation?.Cancel();

    /// <summary>PowerShell disposes the cmdlet when the pipeline is done (StopProcessing may still come after EndProcessing).</summary>
    public void Dispose() => _cancellation?.Dispose();

    /// <summary>Runs engine work and returns its result, writing its messages on the pipeline thread meanwhile.</summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work) => Run<T>((_, token) => work(token));

    /// <summary>Runs engine work that may also emit records through <see cref="IOutput"/>; they are written on the
    /// pipeline thread as they arrive (a bounded hand-over, so a fast producer cannot fill memory).</summary>
    protected T Run<T>(Func<IOutput, CancellationToken, Task<T>> work)
    {
        var token = CancellationToken;
        using var queue = new BlockingCollection<Action>(boundedCapacity: Math.Max(1, OutputBuffer));
        var relay = new Relay(this, queue, token, ShowsProgress, ShowsDebug);
        var task = Task.Run(async () =>
        {
            OperationContext.Use(relay);
            try { return await work(relay, token).ConfigureAwait(false); }
            finally { queue.CompleteAdding(); }
        });
        var finished = false;
        try
        {
            foreach (var write in queue.GetConsumingEnumerable()) write();
            finished = true;
        }
        finally
        {
            if (!finished)
            {
                // Stopped downstream (Select-Object -First) or by Ctrl+C: stop the engine, and give it a moment to
                // clean up on the server (an analytics job is deleted) before the pipeline moves on.
                _cancellation?.Cancel();
                try { task.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { /* it was cancelled */ }
            }
        }
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Progress bars only where someone watches: not in runbooks, CI logs or other non-interactive hosts.</summary>
    private bool ShowsProgress =>
        Environment.UserInteractive
        && !Console.IsOutputRedirected
        && Host?.UI?.RawUI != null
        && Host.Name != "Default Host";

    /// <summary>-Debug on the command, or a $DebugPreference that shows Debug messages.</summary>
    private bool ShowsDebug =>
        (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true })
        || (Enum.TryParse<ActionPreference>(GetVariableValue("DebugPreference")?.ToString(), out var preference)
            && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore);

    /// <summary>Whether someone can answer a prompt: not in a runbook's or a job's host, nor under pwsh -NonInteractive, nor
    /// at a console whose input is redirected (CI, a scheduled task).</summary>
    protected bool CanPrompt
    {
        get
        {
            if (Host?.UI is null || Host.Name == "Default Host" || Host.Name == "ServerRemoteHost") return false;
            if (Host.Name != "ConsoleHost") return true;
            return Environment.UserInteractive && !Console.IsInputRedirected && !StartedNonInteractive();
        }
    }

    /// <summary>pwsh -NonInteractive, or any abbreviation of it down to -noni, with - -- or / before it.</summary>
    private static bool StartedNonInteractive() =>
        Environment.GetCommandLineArgs().Skip(1).Select(a => a.TrimStart('-', '/')).Any(
            name => name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many records and messages the engine may hand over before it waits for the pipeline: about one page,
    /// so the next page is fetched while this one is written, and no further (memory stays flat, and a pipeline
    /// stopped downstream has asked for at most that one page it will not use, which is then cancelled).</summary>
    protected int OutputBuffer { get; set; } = 256;

    /// <summary>What the engine can hand to the pipeline while it works.</summary>
    public interface IOutput
    {
        void Write(object record);

        /// <summary>A page's records in one hand-over (the pipeline thread wakes once a page, not once a record). Waits
        /// while the page before is still being written: the next page is fetched meanwhile, and no further.</summary>
        void WriteAll(IReadOnlyList<object> records);
    }

    /// <summary>Terminates the command with the ErrorRecord a failed engine call deserves.</summary>
    protected void ThrowFailure(Exception exception, object? target) =>
        ThrowTerminatingError(ErrorRecords.From(exception, target, ShowsRecommendation));

    /// <summary>Errors will be shown in ConciseView (pwsh 7's default), which prints the recommended action on its own line.</summary>
    private bool ShowsRecommendation => string.Equals(GetVariableValue("ErrorView")?.ToString(), "ConciseView", StringComparison.Ordinal);

    private sealed class Relay : IOperationObserver, IProgressObserver, IDebugAudience, IOutput
    {
        private readonly GenesysCmdlet _cmdlet;
        private readonly BlockingCollection<Action> _queue;
        private readonly CancellationToken _token;
        private readonly bool _showsProgress;
        private readonly SemaphoreSlim _pageInFlight = new SemaphoreSlim(1, 1);

        public Relay(GenesysCmdlet cmdlet, BlockingCollection<Action> queue, CancellationToken token, bool showsProgress, bool showsDebug)
        {
            _cmdlet = cmdlet;
            _queue = queue;
            _token = token;
            _showsProgress = showsProgress;
            ShowsDebug = showsDebug;
        }

        public bool ShowsDebug { get; }

        public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));
        public void Debug(string message) => Post(() => _cmdlet.WriteDebug(message));
        public void Warning(string message) => Post(() => _cmdlet.WriteWarning(message));
        public void Write(object record) => Post(() => _cmdlet.WriteObject(record));

        public void WriteAll(IReadOnlyList<object> records)
        {
            if (records.Count == 0) return;
            try { _pageInFlight.Wait(_token); }
            catch (OperationCanceledException) { return; }   // stopping: nothing more is written
            var posted = Post(() =>
            {
                try { foreach (var record in records) _cmdlet.WriteObject(record); }
                finally { _pageInFlight.Release(); }
            });
            if (!posted) _pageInFlight.Release();
        }

        public void Progress(string activity, string status, int percent, string? currentOperation, bool completed)
        {
            if (!_showsProgress) return;
            var record = new ProgressRecord(Math.Abs(activity.GetHashCode() % 100000), activity, status)
            {
                PercentComplete = percent,
                CurrentOperation = currentOperation,
                RecordType = completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            Post(() => _cmdlet.WriteProgress(record));
        }

        private bool Post(Action write)
        {
            try
            {
                _queue.Add(write, _token);
                return true;
            }
            catch (OperationCanceledException) { return false; }   // stopping: nothing more is written
            catch (InvalidOperationException) { return false; }   // the hand-over already closed
        }
    }
}
