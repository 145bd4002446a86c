using System.Text.Json;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;

namespace Movies.Functions.Extensions;

/// <summary>The app's one serializer for what crosses the worker's boundary: orchestration and activity inputs and
/// outputs (the Durable extension wraps the worker's serializer as its data converter), custom status, HTTP bodies.
/// It is the worker's own default made explicit (System.Text.Json, property names as declared, read in any case), so a
/// worker upgrade cannot change the format of what in-flight orchestrations keep in their history, and tests run the
/// real Durable engine with this very serializer.</summary>
public static class PayloadSerializer
{
    public static ObjectSerializer Create() => new JsonObjectSerializer(new JsonSerializerOptions { PropertyNameCaseInsensitive = true });

    public static void Configure(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Serializer = Create();
    }
}
