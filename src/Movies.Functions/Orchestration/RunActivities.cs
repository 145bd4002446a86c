using Microsoft.Azure.Functions.Worker;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Events;
using Movies.Pipeline.Source;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Orchestration;

/// <summary>The run's activities: each one engine call. Inputs and outputs are the engine's small records.</summary>
public sealed class RunActivities(MovieSelector selector, BatchEnricher enricher, ManifestWriter manifests, IPipelineEventPublisher events)
{
    [Function(nameof(SelectMovies))]
    public Task<RunPlan> SelectMovies([ActivityTrigger] RunRequest request, FunctionContext context)
        => selector.SelectAsync(request, context.CancellationToken);

    [Function(nameof(EnrichBatch))]
    public Task<BatchResult> EnrichBatch([ActivityTrigger] BatchWork work, FunctionContext context)
        => enricher.EnrichAsync(work, context.CancellationToken);

    [Function(nameof(WriteRunManifest))]
    public Task<ManifestResult> WriteRunManifest([ActivityTrigger] ManifestWork work, FunctionContext context)
        => manifests.WriteAsync(work, context.CancellationToken);

    /// <summary>Returns the message id, so the orchestration history shows what was sent.</summary>
    [Function(nameof(PublishPipelineEvent))]
    public async Task<string> PublishPipelineEvent([ActivityTrigger] PipelineEvent e, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        await events.PublishAsync(e, context.CancellationToken);
        return e.MessageId;
    }
}
