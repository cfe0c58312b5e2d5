using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Infrastructure
{
    /// <summary>The lifecycle every cmdlet of the module shares: a CancellationToken made in BeginProcessing and
    /// cancelled in StopProcessing (Ctrl+C), engine work run off the pipeline thread while this thread writes what
    /// it reports (verbose, debug, warnings, records) as it happens, and engine failures turned into ErrorRecords.</summary>
    public abstract class GenesysCmdlet : PSCmdlet
    {
        private CancellationTokenSource? _cancellation;

        protected CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

        protected override void BeginProcessing() => _cancellation ??= new CancellationTokenSource();

        protected override void StopProcessing() => _cancellation?.Cancel();

        protected override void EndProcessing() => _cancellation?.Dispose();

        /// <summary>Runs engine work and returns its result, writing its messages on the pipeline thread meanwhile.</summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work) => Run<T>((_, token) => work(token));

        /// <summary>Runs engine work that may also emit records through <see cref="IOutput"/>; they are written on the
        /// pipeline thread as they arrive (a bounded hand-over, so a fast producer cannot fill memory).</summary>
        protected T Run<T>(Func<IOutput, CancellationToken, Task<T>> work)
        {
            var token = CancellationToken;
            using var queue = new BlockingCollection<Action>(boundedCapacity: 256);
            var relay = new Relay(this, queue, token);
            var task = Task.Run(async () =>
            {
                OperationContext.Use(relay);
                try { return await work(relay, token).ConfigureAwait(false); }
                finally { queue.CompleteAdding(); }
            });
            foreach (var write in queue.GetConsumingEnumerable()) write();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>What the engine can hand to the pipeline while it works.</summary>
        public interface IOutput
        {
            void Write(object record);
        }

        /// <summary>Terminates the command with the ErrorRecord a failed engine call deserves.</summary>
        protected void ThrowFailure(Exception exception, object? target) => ThrowTerminatingError(ErrorRecords.From(exception, target));

        private sealed class Relay : IOperationObserver, IOutput
        {
            private readonly GenesysCmdlet _cmdlet;
            private readonly BlockingCollection<Action> _queue;
            private readonly CancellationToken _token;

            public Relay(GenesysCmdlet cmdlet, BlockingCollection<Action> queue, CancellationToken token)
            {
                _cmdlet = cmdlet;
                _queue = queue;
                _token = token;
            }

            public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));
            public void Debug(string message) => Post(() => _cmdlet.WriteDebug(message));
            public void Warning(string message) => Post(() => _cmdlet.WriteWarning(message));
            public void Write(object record) => Post(() => _cmdlet.WriteObject(record));

            private void Post(Action write)
            {
                try { _queue.Add(write, _token); }
                catch (OperationCanceledException) { /* stopping: nothing more is written */ }
                catch (InvalidOperationException) { /* the hand-over already closed */ }
            }
        }
    }
}
