using System.Text;
using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace Movies.Functions.Tests.Infrastructure;

/// <summary>The worker's serializer as the Durable engine's data converter, as the Functions Durable extension wires it
/// (its <c>ObjectConverterShim</c>, internal to the extension, does exactly this): every orchestration and activity
/// input and output, and the custom status, go through the app's <c>PayloadSerializer</c>.</summary>
internal sealed class WorkerDataConverter(ObjectSerializer serializer) : DataConverter
{
    public override string? Serialize(object? value)
        => value is null ? null : serializer.Serialize(value, value.GetType(), default).ToString();

    public override object? Deserialize(string? data, Type targetType)
    {
        if (data is null)
        {
            return null;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(data), writable: false);
        return serializer.Deserialize(stream, targetType, default);
    }
}
