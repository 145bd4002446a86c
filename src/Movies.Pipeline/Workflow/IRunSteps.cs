namespace Movies.Pipeline.Workflow;

/// <summary>The steps a run is made of. The CLI runs them in process; the Durable orchestrator runs each
/// as an activity, and a chunk as a sub-orchestration. Inputs and outputs are small sealed records (names
/// and counts, never documents).</summary>
public interface IRunSteps
{
    Task<RunPlan> SelectAsync(RunRequest request);

    /// <summary>Runs <see cref="ChunkWorkflow"/> over the chunk's batches: in process, or as a Durable
    /// sub-orchestration with its own (bounded) history.</summary>
    Task<ChunkResult> RunChunkAsync(ChunkWork work);

    Task<BatchResult> EnrichBatchAsync(BatchWork work);

    Task<ManifestResult> WriteManifestAsync(ManifestWork work);

    void ReportProgress(RunProgress progress);
}
