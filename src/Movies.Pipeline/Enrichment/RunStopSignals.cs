using System.Collections.Concurrent;

namespace Movies.Pipeline.Enrichment;

/// <summary>Per-run latch set by the first run-fatal OMDb answer, so batches in this process start no
/// further calls. Batches in other processes learn it from their own next call, one call each at most.</summary>
public sealed class RunStopSignals
{
    private readonly ConcurrentDictionary<string, string> _reasons = new(StringComparer.Ordinal);

    public void Stop(string runId, string reason) => _reasons.TryAdd(runId, reason);

    public string? ReasonFor(string runId) => _reasons.GetValueOrDefault(runId);
}
