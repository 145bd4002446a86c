using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>Every value that crosses a Durable step boundary, through System.Text.Json (web defaults): it must come
/// back equal, and stay small. The worker's own serializer, and these payloads through it, are checked in
/// Movies.Functions.Tests (<c>PayloadSerializerTests</c>).</summary>
public sealed class StepPayloadTests
{
    private const int MaxPayloadBytes = 4096;
    private static readonly JsonSerializerOptions Worker = new(JsonSerializerDefaults.Web);
    private static readonly string LongRunId = "20250102-" + new string('x', 71);

    public static TheoryData<object> Payloads()
    {
        var counts = new OutcomeCounts(17, 1, 1, 1);
        var plan = new RunPlan(LongRunId, "2025/01/02/" + LongRunId, 1000, 50, 20, 3201, 1, Resumed: true);
        var manifest = new ManifestResult("2025/01/02/" + LongRunId + "/_manifest.json", 1000, counts);
        var chunk = new ChunkWork(LongRunId, plan.RunFolder, "a12", 200, 200, 19_901, 20_000, 20_000, 1000, 19_900, counts);
        return new TheoryData<object>
        {
            new RunStart(LongRunId, 1000, 50, 4, 3, 2.5, Attempt: 3),
            new RunStart(LongRunId, 100_000, 5, 8, 3, 0, Attempt: 2, BatchesPerChunk: 250),
            new RunRequest(LongRunId, new DateOnly(2025, 1, 2), new DateTimeOffset(2025, 1, 2, 3, 0, 0, 123, TimeSpan.Zero), 1000, 50, "a3"),
            plan,
            new BatchWork(LongRunId, plan.RunFolder, 20, "a12"),
            new BatchResult(20, counts, "OMDb daily request limit reached"),
            new BatchResult(3, counts, null),
            new ManifestWork(LongRunId, plan.RunFolder, "OMDb rejected the API key"),
            manifest,
            new RunProgress(LongRunId, "enriching", 4, 20, counts, null),
            new RunProgress(LongRunId, "enriching", 19_950, 20_000, counts, "Request limit reached!", 200, 200),
            chunk,
            new ChunkStart(chunk, 3, 2.5),
            new ChunkResult(200, 100, counts, null),
            new ChunkResult(2, 37, counts, "OMDb rejected the API key"),
            new RunOutcome(plan, manifest, "OMDb rejected the API key"),
        };
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Serialize_StepPayload_RoundTripsEqualUnderFourKilobytes(object payload)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Worker);
        var back = JsonSerializer.Deserialize(json, payload.GetType(), Worker);

        Assert.Equal(payload, back);
        Assert.True(json.Length < MaxPayloadBytes, $"{payload.GetType().Name} is {json.Length} bytes");
    }

    [Fact]
    public void Serialize_PipelineEvent_RoundTripsUnderFourKilobytes()
    {
        var manifest = "silver/2025/01/02/" + LongRunId + "/_manifest.json";
        var e = PipelineEvent.Create(PipelineEventTypes.GoldPublished, LongRunId, new DateTimeOffset(2025, 1, 2, 4, 0, 0, TimeSpan.Zero), detail: manifest, manifest: manifest,
            tables: ["gold/latest/movies.parquet", "gold/latest/genres.parquet", "gold/history/2025/01/02/movies.parquet"]);

        var json = JsonSerializer.Serialize(e, Worker);
        var back = JsonSerializer.Deserialize<PipelineEvent>(json, Worker)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Worker));
        Assert.Equal(e.Tables, back.Tables);
        Assert.Equal(e with { Tables = null }, back with { Tables = null });
        Assert.True(json.Length < MaxPayloadBytes);
    }
}
