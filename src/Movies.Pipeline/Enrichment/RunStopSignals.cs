using System.Collections.Concurrent;

namespace Movies.Pipeline.Enrichment;

/// <summary>Per-run latch set by the first run-fatal OMDb answer. It cancels the run's token at once, so in this
/// process no queued or retrying lookup of the run sends another request (the OMDb client checks the token right
/// before each send). Batches in other processes learn it from their own next call, one call each at most.</summary>
public sealed class RunStopSignals : IDisposable
{
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);

    /// <summary>Stops the run; the first reason stays.</summary>
    public void Stop(string runId, string reason)
    {
        var signal = _signals.GetOrAdd(runId, _ => new Signal());
        if (Interlocked.CompareExchange(ref signal.Reason, reason, null) is null)
        {
            signal.Stopped.Cancel();
        }
    }

    public string? ReasonFor(string runId) => _signals.TryGetValue(runId, out var signal) ? Volatile.Read(ref signal.Reason) : null;

    /// <summary>Cancelled when the run is stopped.</summary>
    public CancellationToken TokenFor(string runId) => _signals.GetOrAdd(runId, _ => new Signal()).Stopped.Token;

    public void Dispose()
    {
        foreach (var signal in _signals.Values)
        {
            signal.Dispose();
        }
    }

    private sealed class Signal : IDisposable
    {
        public readonly CancellationTokenSource Stopped = new();
        public string? Reason;

        public void Dispose() => Stopped.Dispose();
    }
}
