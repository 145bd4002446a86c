namespace Movies.Pipeline.Enrichment;

/// <summary>One lookup's gate to OMDb within a run: an attempt may send only while the run is not stopped, and
/// the check and the send are one step with respect to <see cref="IsIdle"/>, so a stop either finds the lookup
/// waiting (queued for a slot, or in a retry's backoff: its wait is cancelled) or already sending (its answer is
/// kept, and no retry follows).</summary>
internal sealed class OmdbSendGate(string runId, RunStopSignals stops)
{
    private readonly Lock _lock = new();
    private bool _sending;

    public string RunId { get; } = runId;

    public string? StopReason => stops.ReasonFor(RunId);

    /// <summary>True, and marked as sending, unless the run is stopped.</summary>
    public bool TryEnterSend()
    {
        lock (_lock)
        {
            if (stops.ReasonFor(RunId) is not null)
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
