using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Events;

/// <summary>How a run that reached its manifest ended, as its run_completed or run_failed event says it:
/// bronze stopped early, or (where the caller knows it) the quality check failed. A partial run (movies deferred
/// because the day's OMDb quota ran out) is completed, with the reason saying how many wait for the next run.</summary>
public sealed record RunVerdict(bool Failed, string? Reason, OutcomeCounts Counts, string Manifest)
{
    /// <summary>Failed when bronze stopped early on a run-fatal OMDb answer.</summary>
    public static RunVerdict Of(RunOutcome outcome) => Of(outcome, qualityFailure: null);

    /// <summary>Failed when bronze stopped early on a run-fatal OMDb answer, or when the run failed its quality
    /// check (<paramref name="qualityFailure"/>, the gold run_quality reason, when the caller knows it).</summary>
    public static RunVerdict Of(RunOutcome outcome, string? qualityFailure)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var failure = outcome.FatalReason ?? qualityFailure;
        var counts = outcome.Manifest.Counts;
        var reason = failure ?? (counts.Deferred > 0 ? RunStatuses.PartialReason(counts) : null);
        return new RunVerdict(failure is not null, reason, counts, $"{LakeContainers.Bronze}/{outcome.Manifest.ManifestBlob}");
    }
}
