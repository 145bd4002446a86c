using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Source;

namespace Movies.Pipeline.Workflow;

/// <summary>Runs each step directly in this process: what the CLI does, and what each Durable activity
/// does for its one step. A chunk is the same <see cref="ChunkWorkflow"/> the Durable sub-orchestration runs.</summary>
public sealed class InProcessRunSteps(MovieSelector selector, BatchEnricher enricher, ManifestWriter manifests, IProgress<RunProgress>? reporter, CancellationToken cancellationToken) : IRunSteps
{
    public Task<RunPlan> SelectAsync(RunRequest request) => selector.SelectAsync(request, cancellationToken);

    public Task<ChunkResult> RunChunkAsync(ChunkWork work) => ChunkWorkflow.RunAsync(this, work);

    public Task<BatchResult> EnrichBatchAsync(BatchWork work) => enricher.EnrichAsync(work, cancellationToken);

    public Task<ManifestResult> WriteManifestAsync(ManifestWork work) => manifests.WriteAsync(work, cancellationToken);

    public void ReportProgress(RunProgress progress) => reporter?.Report(progress);
}
