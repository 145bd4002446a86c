using Microsoft.DurableTask;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>The engine's steps in Durable: each step an activity with the run's retry handler (<see cref="StepRetries"/>),
/// each chunk a sub-orchestration (<see cref="ChunkOrchestrator"/>) with an instance id derived from the run, attempt and
/// chunk; progress becomes the instance's custom status (what <c>statusQueryGetUri</c> and the monitor show).</summary>
public sealed class DurableRunSteps(TaskOrchestrationContext context, int maxRetries, double baseDelaySeconds) : IRunSteps
{
    private readonly TaskOptions _options = StepRetries.Options(maxRetries, baseDelaySeconds);

    public Task<RunPlan> SelectAsync(RunRequest request)
        => context.CallActivityAsync<RunPlan>(nameof(RunActivities.SelectMovies), request, _options);

    /// <summary>No Durable retry around the chunk: its activities retry inside it.</summary>
    public Task<ChunkResult> RunChunkAsync(ChunkWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return context.CallSubOrchestratorAsync<ChunkResult>(nameof(ChunkOrchestrator), new ChunkStart(work, maxRetries, baseDelaySeconds),
            new SubOrchestrationOptions(instanceId: RunIds.ChunkInstance(work.RunId, work.Attempt, work.Chunk)));
    }

    public Task<BatchResult> EnrichBatchAsync(BatchWork work)
        => context.CallActivityAsync<BatchResult>(nameof(RunActivities.EnrichBatch), work, _options);

    public Task<ManifestResult> WriteManifestAsync(ManifestWork work)
        => context.CallActivityAsync<ManifestResult>(nameof(RunActivities.WriteRunManifest), work, _options);

    public void ReportProgress(RunProgress progress) => context.SetCustomStatus(ProgressStatus.Of(progress));
}
