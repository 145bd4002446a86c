using System.Text.Json;

namespace Movies.Pipeline.Tests.Cli;

public class BenchCommandTests
{
    /// <summary>The flags the README gives for a bench in seconds (ReadmeTests checks it quotes these).</summary>
    public static readonly string[] QuickFlags = ["--enrich-movies", "20", "--latency-ms", "20", "--sizes", "30", "--gold-rows", "300"];

    [Fact]
    public async Task Bench_SmallSizesJson_PrintsPairedFiguresFromComparedRuns()
    {
        // Small sizes: the structure and sanity of the figures, never their speed.
        var result = await MoviesCli.RunAsync(null, TimeSpan.FromMinutes(5), ["bench", "--json", .. QuickFlags]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var figures = JsonDocument.Parse(result.Stdout);
        var root = figures.RootElement;
        Assert.Equal("quick", root.GetProperty("mode").GetString());
        Assert.Equal(3, root.GetProperty("pairs").GetInt32());
        Assert.Empty(root.GetProperty("settings").EnumerateObject());

        var enrich = root.GetProperty("enrich");
        var enrichRuns = enrich.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(3, enrichRuns.Count);
        AssertSpread(enrich.GetProperty("ratio"), 3);
        AssertSpread(enrich.GetProperty("process_seconds"), 3);
        Assert.Equal(enrich.GetProperty("ratio").GetProperty("median").GetDouble(), root.GetProperty("enrich_ratio").GetDouble());
        foreach (var run in enrichRuns)
        {
            // The engine on its defaults asked the stand-in once per movie and fetched them all.
            Assert.Equal(20, run.GetProperty("fetched").GetInt32());
            Assert.Equal(20, run.GetProperty("omdb_requests").GetInt64());
            // 20 lookups of 20 ms at most 4 at a time cannot take less than 0.1 s: a lower bound, not a speed.
            Assert.True(run.GetProperty("enrich_window_seconds").GetDouble() >= 0.099);
            Assert.True(run.GetProperty("process_seconds").GetDouble() > run.GetProperty("enrich_window_seconds").GetDouble());
            AssertWholeRun(run);
        }

        var sized = Assert.Single(root.GetProperty("runs").EnumerateArray());
        Assert.Equal(30, sized.GetProperty("movies").GetInt32());
        AssertWholeRun(sized);
        var ops = root.GetProperty("ops_per_movie");
        Assert.Equal(["20", "30"], ops.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sized.GetProperty("ops_per_movie").GetDouble(), ops.GetProperty("30").GetDouble());

        var gold = root.GetProperty("gold");
        Assert.True(gold.GetProperty("values_equal").GetBoolean());
        Assert.Equal(300, gold.GetProperty("table_rows").GetProperty("movies_unified").GetInt32());
        Assert.Equal(6, gold.GetProperty("table_rows").EnumerateObject().Count());
        Assert.Equal(300, gold.GetProperty("table_rows").GetProperty("movie_history").GetInt32());
        var pairs = gold.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(3, pairs.Count);
        // The order alternates, so neither side always runs first.
        Assert.Equal(["engine", "duckdb", "engine"], pairs.Select(p => p.GetProperty("first").GetString()));
        foreach (var pair in pairs)
        {
            Assert.True(pair.GetProperty("engine_seconds").GetDouble() > pair.GetProperty("engine_work_seconds").GetDouble());
            Assert.True(pair.GetProperty("duckdb_seconds").GetDouble() > pair.GetProperty("duckdb_work_seconds").GetDouble());
            Assert.True(pair.GetProperty("ratio").GetDouble() > 0);
            // Every cell of the six tables, across sides and each side's CSV against its Parquet: at least 300 films × 28 columns.
            Assert.True(pair.GetProperty("cells_compared").GetInt64() >= 300 * 28 * 3);
            Assert.True(pair.GetProperty("engine_peak_mb").GetDouble() >= pair.GetProperty("engine_peak_growth_mb").GetDouble());
            Assert.True(pair.GetProperty("duckdb_peak_mb").GetDouble() > 0);
        }

        AssertSpread(gold.GetProperty("ratio"), 3);
        Assert.Equal(gold.GetProperty("ratio").GetProperty("median").GetDouble(), root.GetProperty("gold_vs_duckdb").GetDouble());
        Assert.Equal(gold.GetProperty("engine_peak_mb").GetProperty("median").GetDouble(), root.GetProperty("peak_mb").GetDouble());
        Assert.True(root.GetProperty("peak_mb").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--pairs", "2")]
    [InlineData("--gold-rows", "0")]
    [InlineData("--sizes", "0")]
    public async Task Bench_BadSize_ExitsTwoWithOneLine(string option, string value)
    {
        var result = await MoviesCli.RunAsync(null, "bench", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    private static void AssertWholeRun(JsonElement run)
    {
        Assert.True(run.GetProperty("peak_mb").GetDouble() > 0);
        Assert.InRange(run.GetProperty("peak_growth_mb").GetDouble(), 0, run.GetProperty("peak_mb").GetDouble());
        // A whole run touches every container it owns: bronze, silver, gold and the event log.
        var byContainer = run.GetProperty("ops_per_movie_by_container");
        foreach (var container in new[] { "bronze", "silver", "gold", "events" })
        {
            Assert.True(byContainer.GetProperty(container).GetDouble() > 0, container);
        }

        // At least a bronze write and a silver read of each movie's blob; far fewer than 10 per movie.
        Assert.InRange(run.GetProperty("ops_per_movie").GetDouble(), 2.0, 10.0);
    }

    private static void AssertSpread(JsonElement spread, int count)
    {
        var values = spread.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(count, values.Count);
        Assert.All(values, v => Assert.True(v > 0));
        Assert.Equal(values.Min(), spread.GetProperty("min").GetDouble());
        Assert.Equal(values.Max(), spread.GetProperty("max").GetDouble());
        Assert.InRange(spread.GetProperty("median").GetDouble(), values.Min(), values.Max());
    }
}
