using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>A batch's counts, the run-fatal OMDb error it met, if any, and why it deferred movies (the day's OMDb
/// quota ran out), if it did: after either, the run starts no more batches.</summary>
public sealed record BatchResult(int Batch, OutcomeCounts Counts, string? FatalReason, string? DeferReason = null);
