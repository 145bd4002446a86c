using System.Collections.Concurrent;

namespace Movies.Pipeline.Enrichment;

/// <summary>
/// This process's state of each run attempt it looks movies up for, keyed by run id and attempt: a latch set by the
/// first run-fatal OMDb answer. It cancels the attempt's token at once, so in this process no queued or retrying lookup
/// of that attempt sends another request (the OMDb client checks the token right before each send). Batches in other
/// processes learn it from their own next call, one call each at most. A restart of the day is another attempt, so it
/// starts unstopped on a warm worker; and an attempt's state is released when its run ends here
/// (<see cref="Release"/>), or dropped after <see cref="IdleLimit"/> without a lookup (a process that ran some of a
/// run's batches but not its end), so the state of runs long over never stops a new one nor grows without end.
/// </summary>
public sealed class RunStopSignals(TimeProvider time) : IDisposable
{
    /// <summary>An attempt no lookup of this process used for this long is forgotten: far beyond a batch's own
    /// bounds (its lookups' timeouts and retries, the 10-minute wait for another process's batch).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(string RunId, string Attempt), Signal> _signals = new();

    /// <summary>Run attempts with state in this process.</summary>
    public int Count => _signals.Count;

    /// <summary>Stops the attempt; the first reason stays.</summary>
    public void Stop(string runId, string attempt, string reason)
    {
        var signal = Touch(runId, attempt);
        if (Interlocked.CompareExchange(ref signal.Reason, reason, null) is null)
        {
            signal.Stopped.Cancel();
        }
    }

    public string? ReasonFor(string runId, string attempt)
    {
        if (!_signals.TryGetValue((runId, attempt), out var signal))
        {
            return null;
        }

        signal.LastUsed = time.GetTimestamp();
        return Volatile.Read(ref signal.Reason);
    }

    /// <summary>Cancelled when the attempt is stopped.</summary>
    public CancellationToken TokenFor(string runId, string attempt) => Touch(runId, attempt).Stopped.Token;

    /// <summary>The attempt's run ended in this process (its manifest is written): its state goes. True when no other
    /// run attempt has state here, so nothing of this process is looking movies up for one.</summary>
    public bool Release(string runId, string attempt)
    {
        _signals.TryRemove((runId, attempt), out _);
        DropIdle();
        return _signals.IsEmpty;
    }

    public void Dispose()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Dispose();
        }
    }

    private Signal Touch(string runId, string attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(attempt);
        if (!_signals.TryGetValue((runId, attempt), out var signal))
        {
            DropIdle();
            signal = _signals.GetOrAdd((runId, attempt), _ => new Signal());
        }

        signal.LastUsed = time.GetTimestamp();
        return signal;
    }

    /// <summary>A dropped signal is not disposed: a token source without a timer holds nothing to release, and a lookup
    /// may still hold its token.</summary>
    private void DropIdle()
    {
        foreach (var (key, signal) in _signals)
        {
            if (time.GetElapsedTime(signal.LastUsed) > IdleLimit)
            {
                _signals.TryRemove(new KeyValuePair<(string, string), Signal>(key, signal));
            }
        }
    }

    private sealed class Signal : IDisposable
    {
        public readonly CancellationTokenSource Stopped = new();
        public string? Reason;
        public long LastUsed;

        public void Dispose() => Stopped.Dispose();
    }
}
