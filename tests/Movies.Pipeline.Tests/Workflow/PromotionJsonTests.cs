using System.Text.Json;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>What the promoters pass on (to triggers, events, the CLI) survives the pipeline's JSON contract.</summary>
public sealed class PromotionJsonTests
{
    private static readonly SortedDictionary<string, int> Reasons = new(StringComparer.Ordinal) { ["duplicate_imdb_id"] = 1, ["missing_imdb_id"] = 2 };

    [Fact]
    public void PromotionResult_RoundTrip_Equal()
    {
        var result = new PromotionResult(
            new SilverResult("2026/11/23/r/_manifest.json", 10, 7, 3, Reasons),
            new GoldResult("history/2026/11/23/r/_manifest.json", "failed", "too many rejects", Reasons, 20));

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(result, PipelineJsonContext.Blobs.PromotionResult), PipelineJsonContext.Blobs.PromotionResult)!;

        Assert.Equal(result.Silver.ManifestBlob, back.Silver.ManifestBlob);
        Assert.Equal((7, 3), (back.Silver.Rows, back.Silver.Rejects));
        Assert.Equal(Reasons, back.Silver.RejectsByReason);
        Assert.Equal(("failed", "too many rejects", 20), (back.Gold.Status, back.Gold.FailureReason, back.Gold.FilesWritten));
        Assert.Equal(Reasons, back.Gold.TableRows);
    }

    [Fact]
    public void SilverManifest_RoundTrip_Equal()
    {
        var manifest = new SilverManifest("r", new DateOnly(2026, 11, 23), new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero), 1, "2026/11/23/r/_manifest.json",
            new OutcomeCounts(10, 1, 0, 0), null, 10, 7, 3, Reasons, "2026/11/23/r/movies.parquet", "2026/11/23/r/rejects.jsonl");

        var back = JsonSerializer.Deserialize(JsonSerializer.Serialize(manifest, PipelineJsonContext.Blobs.SilverManifest), PipelineJsonContext.Blobs.SilverManifest)!;

        Assert.Equal(manifest with { RejectsByReason = back.RejectsByReason }, back);
        Assert.Equal(Reasons, back.RejectsByReason);
    }
}
