using Microsoft.DurableTask;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>The engine's steps as Durable activities, each with the run's retry handler (<see cref="StepRetries"/>); progress becomes
/// the orchestration's custom status (what <c>statusQueryGetUri</c> and the monitor show).</summary>
public sealed class DurableRunSteps(TaskOrchestrationContext context, TaskOptions options) : IRunSteps
{
    public Task<RunPlan> SelectAsync(RunRequest request)
        => context.CallActivityAsync<RunPlan>(nameof(RunActivities.SelectMovies), request, options);

    public Task<BatchResult> EnrichBatchAsync(BatchWork work)
        => context.CallActivityAsync<BatchResult>(nameof(RunActivities.EnrichBatch), work, options);

    public Task<ManifestResult> WriteManifestAsync(ManifestWork work)
        => context.CallActivityAsync<ManifestResult>(nameof(RunActivities.WriteRunManifest), work, options);

    public void ReportProgress(RunProgress progress) => context.SetCustomStatus(progress);
}
