using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>What a chunk did: the batches that ran, their counts, and the run-fatal answer that stopped it, if any.</summary>
public sealed record ChunkResult(int Chunk, int BatchesDone, OutcomeCounts Counts, string? FatalReason);
