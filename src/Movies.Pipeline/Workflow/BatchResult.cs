using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>A batch's counts, and the run-fatal OMDb error it met, if any.</summary>
public sealed record BatchResult(int Batch, OutcomeCounts Counts, string? FatalReason);
