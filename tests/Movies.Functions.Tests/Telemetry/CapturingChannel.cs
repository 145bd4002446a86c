using System.Collections.Concurrent;
using Microsoft.ApplicationInsights.Channel;

namespace Movies.Functions.Tests.Telemetry;

/// <summary>Application Insights' transport, the one part that cannot run here: what would be sent to the ingestion
/// endpoint is kept instead.</summary>
internal sealed class CapturingChannel : ITelemetryChannel
{
    public ConcurrentQueue<ITelemetry> Sent { get; } = new();

    public bool? DeveloperMode { get; set; }

    public string EndpointAddress { get; set; } = "";

    public void Send(ITelemetry item) => Sent.Enqueue(item);

    public void Flush()
    {
    }

    public void Dispose()
    {
    }
}
