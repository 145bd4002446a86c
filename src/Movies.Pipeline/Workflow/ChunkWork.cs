using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>One chunk of a run's batches (<paramref name="FirstBatch"/> to <paramref name="LastBatch"/>), enriched
/// by <see cref="ChunkWorkflow"/> with at most <paramref name="MaxParallelBatches"/> in flight: in Durable a
/// sub-orchestration of its own, so no instance's history grows with the size of the run.
/// <paramref name="BatchesDoneBefore"/> and <paramref name="CountsBefore"/> are the run's figures when the chunk
/// starts, so the chunk's progress reads as the run's.</summary>
public sealed record ChunkWork(
    string RunId,
    string RunFolder,
    string Attempt,
    int Chunk,
    int Chunks,
    int FirstBatch,
    int LastBatch,
    int BatchesTotal,
    int MaxParallelBatches,
    int BatchesDoneBefore,
    OutcomeCounts CountsBefore);
