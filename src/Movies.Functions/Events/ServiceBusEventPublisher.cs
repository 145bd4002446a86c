using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline;
using Movies.Pipeline.Events;

namespace Movies.Functions.Events;

/// <summary>Sends each event to the topic as JSON: MessageId = the event's deterministic id (so the
/// topic's duplicate detection drops a retried publish), Subject = its type, for subscription filters.</summary>
public sealed class ServiceBusEventPublisher(ServiceBusClient client, IOptions<EventsOptions> options, ILogger<ServiceBusEventPublisher> logger) : IPipelineEventPublisher, IAsyncDisposable
{
    private readonly ServiceBusSender _sender = client.CreateSender(options.Value.ServiceBusTopic);

    public async Task PublishAsync(PipelineEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = new ServiceBusMessage(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(e, PipelineJsonContext.Messages.PipelineEvent)))
        {
            MessageId = e.MessageId,
            ContentType = "application/json",
            Subject = e.Type,
        };
        message.ApplicationProperties["schemaVersion"] = e.SchemaVersion;
        message.ApplicationProperties["runId"] = e.RunId;
        await _sender.SendMessageAsync(message, cancellationToken);
        Log.EventSent(logger, e.Type, e.RunId, e.MessageId, options.Value.ServiceBusTopic);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
