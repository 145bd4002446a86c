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
    public Task<RunPlan> SelectMovies([ActivityTrigger] RunRequest request, CancellationToken cancellationToken)
        => selector.SelectAsync(request, cancellationToken);

    [Function(nameof(EnrichBatch))]
    public Task<BatchResult> EnrichBatch([ActivityTrigger] BatchWork work, CancellationToken cancellationToken)
        => enricher.EnrichAsync(work, cancellationToken);

    [Function(nameof(WriteRunManifest))]
    public Task<ManifestResult> WriteRunManifest([ActivityTrigger] ManifestWork work, CancellationToken cancellationToken)
        => manifests.WriteAsync(work, cancellationToken);

    /// <summary>Returns the message id, so the orchestration history shows what was sent.</summary>
    [Function(nameof(PublishPipelineEvent))]
    public async Task<string> PublishPipelineEvent([ActivityTrigger] PipelineEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        await events.PublishAsync(e, cancellationToken);
        return e.MessageId;
    }
}
