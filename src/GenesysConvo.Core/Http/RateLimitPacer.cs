using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using GenesysConvo.Core.Diagnostics;

namespace GenesysConvo.Core.Http;

/// <summary>The session's rate-limit window as the API reports it on every answer (inin-ratelimit-count requests used of
/// inin-ratelimit-allowed, inin-ratelimit-reset seconds until the window starts again; docs/genesys-api.md §7.1), and
/// the turn of each next request: at once while plenty is left; the last tenth spread evenly over the time to the reset,
/// so a long read keeps moving and never runs into a wall of 429s; none left: after the reset. Requests it lets go are
/// counted until the next answer, so concurrent requests (prefetch, parallel runspaces) share the allowance. One per
/// session: the limit is per token, and a session holds one token at a time. Thread-safe.</summary>
public sealed class RateLimitPacer
{
    /// <summary>The reset is given in whole seconds: answers of one window may differ by that much (and the latency).</summary>
    private static readonly TimeSpan s_sameWindow = TimeSpan.FromSeconds(2);
    /// <summary>After the reset a little more, so the first request of the next window does not arrive early.</summary>
    private static readonly TimeSpan s_resetMargin = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly TimeSpan _longestWait;
    private readonly object _gate = new object();
    private bool _known;
    private int _allowed;
    private int _used;
    private DateTimeOffset _resetAt;
    private DateTimeOffset _lastTurn;
    private bool _toldPacing;

    /// <param name="longestWait">A wait longer than this is not paced: the request goes, and the API's 429 with its
    /// Retry-After decides (the retry policy gives up on waits longer than its own longest wait).</param>
    public RateLimitPacer(TimeProvider time, TimeSpan longestWait)
    {
        _time = time;
        _longestWait = longestWait;
    }

    /// <summary>Requests left in the current window as far as the pacer knows (null when no answer has told it yet).</summary>
    public int? Remaining { get { lock (_gate) return Expired(_time.GetUtcNow()) ? (int?)null : _allowed - _used; } }

    /// <summary>The allowance of a window as the API last stated it (inin-ratelimit-allowed), null before any answer said.</summary>
    public int? Allowed { get { lock (_gate) return _known ? _allowed : (int?)null; } }

    /// <summary>Waits until the next request may go (no wait at all while plenty is left).</summary>
    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (wait, admitted) = TakeTurn();
            if (wait > TimeSpan.Zero) await _time.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            if (admitted) return;
        }
    }

    /// <summary>How long the next request waits, and whether it then goes (true) or asks again (false: the window is
    /// used up, so after its reset the next answer tells the new one).</summary>
    internal (TimeSpan Wait, bool Admitted) TakeTurn()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (Expired(now)) return (TimeSpan.Zero, Admit(now));
            var remaining = _allowed - _used;
            if (remaining <= 0)
            {
                var untilReset = _resetAt + s_resetMargin - now;
                if (untilReset > _longestWait) return (TimeSpan.Zero, Admit(now));
                Tell($"No requests left of {_allowed} until the rate limit resets: waiting {Durations.Describe(untilReset)}.");
                return (untilReset, false);   // then the window is new, and the next answer describes it
            }
            if (remaining > LowWater(_allowed)) return (TimeSpan.Zero, Admit(now));

            // Spread what is left evenly over the time from the last turn (which may be ahead of now) to the reset.
            var from = _lastTurn > now ? _lastTurn : now;
            var spacing = TimeSpan.FromTicks(Math.Max(0, (_resetAt - from).Ticks) / remaining);
            var turn = _lastTurn + spacing > now ? _lastTurn + spacing : now;
            if (turn - now > _longestWait) return (TimeSpan.Zero, Admit(now));
            Tell($"{remaining} of {_allowed} requests left until the rate limit resets in " +
                 $"{Durations.Describe(_resetAt - now)}: one every {Durations.Describe(spacing)}.");
            Admit(turn);
            return (turn - now, true);
        }
    }

    /// <summary>Reads the inin-ratelimit-* headers of an answer (any status, 429 included); an answer without them changes
    /// nothing.</summary>
    public void Observe(HttpResponseMessage response)
    {
        if (Header(response, "inin-ratelimit-count") is { } count && Header(response, "inin-ratelimit-allowed") is { } allowed
            && Header(response, "inin-ratelimit-reset") is { } reset)
            Observe((int)count, (int)allowed, TimeSpan.FromSeconds(reset));
    }

    internal void Observe(int count, int allowed, TimeSpan untilReset)
    {
        if (allowed <= 0 || count < 0 || untilReset < TimeSpan.Zero) return;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var resetAt = now + untilReset;
            if (Expired(now) || resetAt > _resetAt + s_sameWindow)
            {
                // A new window (or a new token's): the answer says how much of it is used.
                _known = true;
                _toldPacing = false;
                _used = count;
                _allowed = allowed;
                _resetAt = resetAt;
                return;
            }
            if (resetAt < _resetAt - s_sameWindow) return;   // a late answer from the window before
            // The same window: the count only grows; requests let go since are already in _used.
            _used = Math.Max(_used, count);
            _allowed = allowed;
            if (resetAt > _resetAt) _resetAt = resetAt;
        }
    }

    /// <summary>The part of the allowance that is paced rather than spent at once.</summary>
    internal static int LowWater(int allowed) => Math.Max(1, allowed / 10);

    private bool Expired(DateTimeOffset now) => !_known || now >= _resetAt + s_resetMargin;

    private bool Admit(DateTimeOffset turn)
    {
        _used++;
        _lastTurn = turn;
        return true;
    }

    private void Tell(string message)
    {
        if (_toldPacing) return;
        _toldPacing = true;
        OperationContext.Observer.Verbose(message);
    }

    private static double? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && value >= 0 && value < int.MaxValue
            ? value
            : (double?)null;
}
