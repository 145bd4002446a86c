using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Events;

/// <summary>Where events are published. Without <c>SERVICEBUS_NAMESPACE</c> they go to the lake's
/// <c>events</c> container (the CLI always does that; the Functions app switches to Service Bus).</summary>
public sealed class EventsOptions
{
    /// <summary>The fully qualified namespace, such as <c>sb-movies.servicebus.windows.net</c>.</summary>
    [ConfigurationKeyName("SERVICEBUS_NAMESPACE")]
    public string? ServiceBusNamespace { get; set; }

    [ConfigurationKeyName("SERVICEBUS_TOPIC")]
    public string ServiceBusTopic { get; set; } = "pipeline-events";

    public bool UsesServiceBus => !string.IsNullOrWhiteSpace(ServiceBusNamespace);
}
