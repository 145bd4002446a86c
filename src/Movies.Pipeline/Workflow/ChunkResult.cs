using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>What a chunk did: the batches that ran, their counts, the run-fatal answer that stopped it, if any, and why
/// it deferred movies (the day's quota ran out), if it did.</summary>
public sealed record ChunkResult(int Chunk, int BatchesDone, OutcomeCounts Counts, string? FatalReason, string? DeferReason = null);
