namespace Movies.Pipeline.Events;

/// <summary>Where pipeline events go: the lake's <c>events</c> container locally, a Service Bus topic in
/// Azure. Publishing the same event twice must be harmless (same message id).</summary>
public interface IPipelineEventPublisher
{
    Task PublishAsync(PipelineEvent e, CancellationToken cancellationToken = default);
}
