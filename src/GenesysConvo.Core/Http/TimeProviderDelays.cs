using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenesysConvo.Core.Http;

/// <summary>A wait on the session's clock, so tests and emulated time can drive it.</summary>
public static class TimeProviderDelays
{
    public static Task DelayAsync(this TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(delay, time, cancellationToken);
#else
        TimeProviderTaskExtensions.Delay(time, delay, cancellationToken);
#endif
}
