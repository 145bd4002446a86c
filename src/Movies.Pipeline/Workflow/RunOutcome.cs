namespace Movies.Pipeline.Workflow;

/// <summary>The end of a run: its plan, its manifest, the fatal reason that stopped it early, and why it deferred
/// movies to the next run (the day's OMDb quota ran out), if it did.</summary>
public sealed record RunOutcome(RunPlan Plan, ManifestResult Manifest, string? FatalReason, string? DeferReason = null)
{
    public bool Succeeded => FatalReason is null;

    /// <summary><see cref="RunStatuses.Failed"/> when a run-fatal answer stopped it; <see cref="RunStatuses.Partial"/>
    /// when it deferred movies (everything it has is published; the next run takes them first); else succeeded.</summary>
    public string Status => RunStatuses.Of(FatalReason, Manifest.Counts.Deferred);
}
