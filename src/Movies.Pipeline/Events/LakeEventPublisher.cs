using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Events;

/// <summary>Writes each event to the lake's <c>events</c> container, create-only: a second publish of the
/// same event finds the blob there and is a no-op.</summary>
public sealed class LakeEventPublisher(ILakeStore lake, ILogger<LakeEventPublisher> logger) : IPipelineEventPublisher
{
    public async Task PublishAsync(PipelineEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        var name = EventPaths.Of(e);
        var created = await lake.WriteJsonAsync(LakeContainers.Events, name, e, PipelineJsonContext.Blobs.PipelineEvent, overwrite: false, cancellationToken);
        if (created)
        {
            Log.EventWritten(logger, e.Type, e.RunId, e.MessageId, name);
        }
        else
        {
            Log.EventDuplicate(logger, e.Type, e.RunId, e.MessageId);
        }
    }
}
