using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Source;

namespace Movies.Pipeline.Workflow;

/// <summary>Runs a whole run in this process, as the CLI does.</summary>
public sealed class PipelineRunner(MovieSelector selector, BatchEnricher enricher, ManifestWriter manifests, IOptions<WorkflowOptions> options)
{
    public Task<RunOutcome> RunAsync(RunRequest request, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var steps = new InProcessRunSteps(selector, enricher, manifests, progress, cancellationToken);
        return RunWorkflow.RunAsync(steps, request, options.Value.MaxParallelBatches, options.Value.BatchesPerChunk);
    }
}
