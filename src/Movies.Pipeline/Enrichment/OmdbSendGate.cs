namespace Movies.Pipeline.Enrichment;

/// <summary>One lookup's gate to OMDb within a run: an attempt may send only while the run is not stopped, and
/// the check and the send are one step with respect to <see cref="IsIdle"/>, so a stop either finds the lookup
/// waiting (queued for a slot, or in a retry's backoff: its wait is cancelled) or already sending (its answer is
/// kept, and no retry follows).</summary>
internal sealed class OmdbSendGate(string runId, string attempt, RunStopSignals stops)
{
    private readonly Lock _lock = new();
    private bool _sending;

    public string RunId { get; } = runId;

    public string Attempt { get; } = attempt;

    public string? StopReason => stops.ReasonFor(RunId, Attempt);

    /// <summary>Cancelled when the lookup's run attempt is stopped.</summary>
    public CancellationToken Stopped => stops.TokenFor(RunId, Attempt);

    /// <summary>Stops the lookup's run attempt (a run-fatal answer).</summary>
    public void Stop(string reason) => stops.Stop(RunId, Attempt, reason);

    /// <summary>True, and marked as sending, unless the run is stopped.</summary>
    public bool TryEnterSend()
    {
        lock (_lock)
        {
            if (StopReason is not null)
            {
                return false;
            }

            _sending = true;
            return true;
        }
    }

    public void ExitSend()
    {
        lock (_lock)
        {
            _sending = false;
        }
    }

    /// <summary>True when no attempt is sending right now.</summary>
    public bool IsIdle()
    {
        lock (_lock)
        {
            return !_sending;
        }
    }
}
