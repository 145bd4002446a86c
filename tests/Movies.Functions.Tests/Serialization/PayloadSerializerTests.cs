using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Movies.Functions.Extensions;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Serialization;

/// <summary>The serializer the Durable tests run with is the one the worker uses: the Functions builder, with the app's
/// registration, ends up with the app's <see cref="PayloadSerializer"/>, and every payload that crosses a step survives it.</summary>
public sealed class PayloadSerializerTests
{
    private static readonly string RunId = "20250102-" + new string('x', 71);

    public static TheoryData<object> Payloads()
    {
        var counts = new OutcomeCounts(17, 1, 1, 1, 2, 3);
        var plan = new RunPlan(RunId, "2025/01/02/" + RunId, 1000, 50, 20, 3201, 1, Resumed: true, Selected: 1000, Cached: 4, FromQueue: 2);
        var manifest = new ManifestResult("2025/01/02/" + RunId + "/_manifest.json", 1000, counts);
        var chunk = new ChunkWork(RunId, plan.RunFolder, "a12", 200, 200, 19_901, 20_000, 20_000, 1000, 19_900, counts);
        return new TheoryData<object>
        {
            new RunStart(RunId, 1000, 50, 4, 3, 2.5, Attempt: 3, BatchesPerChunk: 250),
            new RunRequest(RunId, new DateOnly(2025, 1, 2), new DateTimeOffset(2025, 1, 2, 3, 0, 0, 123, TimeSpan.Zero), 1000, 50, "a3"),
            plan,
            new BatchWork(RunId, plan.RunFolder, 20, "a12"),
            new BatchResult(20, counts, "Invalid API key!", "Request limit reached!"),
            new ManifestWork(RunId, plan.RunFolder, "Invalid API key!", "Request limit reached!", "a3"),
            manifest,
            new RunProgress(RunId, "enriching", 19_950, 20_000, counts, "Request limit reached!", 200, 200),
            chunk,
            new ChunkStart(chunk, 3, 2.5),
            new ChunkResult(200, 100, counts, null, "Request limit reached!"),
            new RunOutcome(plan, manifest, "Invalid API key!", "Request limit reached!"),
            PipelineEvent.Create(PipelineEventTypes.RunCompleted, RunId, new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero), "a3", counts, "partial", "bronze/x/_manifest.json"),
        };
    }

    [Fact]
    public async Task FunctionsBuilder_WithTheAppsRegistration_UsesTheAppsPayloadSerializer()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Services.AddMoviesFunctions();
        using var host = builder.Build();
        var worker = host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var progress = new RunProgress(RunId, "enriching", 4, 12, new OutcomeCounts(8, 0, 0, 0), null, 1, 3);

        var json = (await worker.SerializeAsync(progress)).ToString();

        Assert.Equal(json, (await DurableApp.AppSerializer().SerializeAsync(progress)).ToString());
        Assert.Contains("\"BatchesDone\":4", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Payload_ThroughTheWorkersDataConverter_ComesBackEqual(object payload)
    {
        var converter = new WorkerDataConverter(DurableApp.AppSerializer());

        var back = converter.Deserialize(converter.Serialize(payload), payload.GetType());

        Assert.Equal(converter.Serialize(payload), converter.Serialize(back));
        Assert.Equal(payload.GetType(), back!.GetType());
        if (payload is not PipelineEvent)
        {
            Assert.Equal(payload, back);
        }
    }
}
