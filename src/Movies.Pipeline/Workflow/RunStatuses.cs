using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>How a run ended, the same word in the CLI's summary, the run events and gold's <c>run_quality.status</c>.</summary>
public static class RunStatuses
{
    public const string Succeeded = "succeeded";

    /// <summary>Completed, but some movies were deferred to the next run because the day's OMDb quota ran out:
    /// silver and gold hold everything else. Not a failure (exit 0, run_completed).</summary>
    public const string Partial = "partial";

    public const string Failed = "failed";

    public static string Of(string? fatalReason, int deferred)
        => fatalReason is not null ? Failed : deferred > 0 ? Partial : Succeeded;

    /// <summary>Why a run is partial: how many movies wait for the next run.</summary>
    public static string PartialReason(OutcomeCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return FormattableString.Invariant($"partial: {counts.Deferred} of {counts.Total} selected movies deferred to the next run (the day's OMDb quota ran out)");
    }
}
