using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

public class BenchCommandTests
{
    /// <summary>The quick flags the README gives for a bench in seconds (ReadmeTests checks it quotes these).</summary>
    public static readonly string[] QuickFlags = ["--enrich-movies", "40", "--concurrency", "4", "--ops-sizes", "100", "300", "--gold-rows", "2000"];

    [Fact]
    public async Task Bench_SmallSizesJson_PrintsMeasuredFigures()
    {
        var result = await MoviesCli.RunAsync(null, ["bench", "--json", .. QuickFlags]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var figures = JsonDocument.Parse(result.Stdout);
        var root = figures.RootElement;
        // 40 movies at 50 ms and 4 at once cannot take less than 0.5 s.
        Assert.True(root.GetProperty("enrich_seconds").GetDouble() >= 0.5);
        Assert.True(root.GetProperty("enrich_ratio").GetDouble() >= 1.0);
        var ops = root.GetProperty("ops_per_movie");
        // Each movie costs at least a bronze lookup and a bronze write.
        Assert.InRange(ops.GetProperty("100").GetDouble(), 2.0, 4.0);
        Assert.InRange(ops.GetProperty("300").GetDouble(), 2.0, 4.0);
        // Both gold builds ran (their row counts matched, or the bench would have failed) and took time.
        Assert.Equal(2000, root.GetProperty("gold_rows").GetInt32());
        Assert.True(root.GetProperty("gold_seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("duckdb_seconds").GetDouble() > 0);
        // A plausible ratio: positive, and not orders of magnitude off either way.
        Assert.InRange(root.GetProperty("gold_vs_duckdb").GetDouble(), 0.001, 1000);
        Assert.True(root.GetProperty("peak_mb").GetDouble() > 0);
    }
}
