using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>How a run that reached its manifest ended, as its run_completed or run_failed event says it:
/// the caller decides what failed means (bronze stopped early; later also the quality check).</summary>
public sealed record RunVerdict(bool Failed, string? Reason, OutcomeCounts Counts, string Manifest)
{
    /// <summary>Failed when bronze stopped early on a run-fatal OMDb answer.</summary>
    public static RunVerdict Of(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new RunVerdict(!outcome.Succeeded, outcome.FatalReason, outcome.Manifest.Counts, $"{LakeContainers.Bronze}/{outcome.Manifest.ManifestBlob}");
    }
}
