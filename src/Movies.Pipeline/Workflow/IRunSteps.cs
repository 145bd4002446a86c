namespace Movies.Pipeline.Workflow;

/// <summary>The steps a run is made of. The CLI runs them in process; the Durable orchestrator runs each
/// as an activity. Inputs and outputs are small sealed records (names and counts, never documents).</summary>
public interface IRunSteps
{
    Task<RunPlan> SelectAsync(RunRequest request);

    Task<BatchResult> EnrichBatchAsync(BatchWork work);

    Task<ManifestResult> WriteManifestAsync(ManifestWork work);

    void ReportProgress(RunProgress progress);
}
