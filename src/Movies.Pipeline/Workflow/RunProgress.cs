using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>Where a run is: shown by the CLI's progress bar, and as the orchestration's custom status.</summary>
public sealed record RunProgress(string RunId, string Stage, int BatchesDone, int BatchesTotal, OutcomeCounts Counts, string? FatalReason);
