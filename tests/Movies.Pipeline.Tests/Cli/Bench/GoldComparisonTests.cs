using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Cli;
using Movies.Cli.Bench;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Cli.Bench;

/// <summary>The bench's peer for gold builds the same tables as the engine, and the comparison that guards
/// every gold timing notices when they are not the same.</summary>
public sealed class GoldComparisonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Compare_EngineAndDuckDbOnSameSilver_AreEqualCellForCell()
    {
        var (engine, duckDb) = await BuildBothAsync();

        var cells = GoldComparison.Compare(engine, duckDb);

        // 400 films × 28 columns across the sides, and again for each side's CSV against its Parquet.
        Assert.True(cells >= 400 * 28 * 3, $"{cells} cells compared");
    }

    [Theory]
    [InlineData("genre_summary", "UPDATE t SET mean_imdb_rating = mean_imdb_rating + 0.001 WHERE genre = (SELECT min(genre) FROM t)", "mean_imdb_rating")]
    [InlineData("movies_unified", "UPDATE t SET title = title || ' (changed)' WHERE imdb_id = (SELECT max(imdb_id) FROM t)", "title")]
    [InlineData("director_summary", "DELETE FROM t WHERE director = (SELECT max(director) FROM t)", "only in engine")]
    [InlineData("run_quality", "ALTER TABLE t DROP COLUMN null_rate_budget", "columns differ")]
    public async Task Compare_DuckDbTableChanged_FailsNamingTableAndDifference(string table, string change, string expected)
    {
        var (engine, duckDb) = await BuildBothAsync();
        Rewrite(duckDb, table, change);

        var error = Assert.Throws<InvalidOperationException>(() => GoldComparison.Compare(engine, duckDb));

        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_DoubleWithinRoundingTolerance_IsEqual()
    {
        var (engine, duckDb) = await BuildBothAsync();
        // Half a unit of the 4th decimal: .NET and DuckDB may round a mean that far apart, nothing more.
        Rewrite(duckDb, "decade_summary", "UPDATE t SET mean_imdb_rating = mean_imdb_rating + 0.00005 WHERE mean_imdb_rating IS NOT NULL");

        GoldComparison.Compare(engine, duckDb);
    }

    [Fact]
    public async Task Compare_CsvDisagreesWithItsParquet_Fails()
    {
        var (engine, duckDb) = await BuildBothAsync();
        foreach (var folder in new[] { duckDb.LatestFolder, duckDb.HistoryFolder })
        {
            var csv = Path.Combine(folder, "decade_summary.csv");
            var lines = File.ReadAllLines(csv);
            lines[1] = string.Join(',', lines[1].Split(',').Select((cell, i) => i == 1 ? "999" : cell));
            File.WriteAllLines(csv, lines);
        }

        var error = Assert.Throws<InvalidOperationException>(() => GoldComparison.Compare(engine, duckDb));

        Assert.Contains("decade_summary", error.Message, StringComparison.Ordinal);
        Assert.Contains("duckdb CSV", error.Message, StringComparison.Ordinal);
    }

    private async Task<(GoldComparison.Output Engine, GoldComparison.Output DuckDb)> BuildBothAsync()
    {
        var lakePath = _folder.Combine("lake");
        var lake = new FileSystemLakeStore(lakePath);
        var manifest = await SyntheticSilver.WriteAsync(lake, SyntheticSilver.Movies(Path.Combine(SampleData.Folder, "movies.json"), 400));
        await new GoldPromoter(lake, Options.Create(new GoldOptions()), NullLogger<GoldPromoter>.Instance).PromoteAsync(manifest);
        var output = _folder.Combine("duckdb");
        DuckDbGold.Build(lakePath, manifest, output);
        return (
            new GoldComparison.Output("engine", Path.Combine(lakePath, LakeContainers.Gold, GoldPaths.LatestFolder), Path.Combine(lakePath, LakeContainers.Gold, "history", SyntheticSilver.RunFolder)),
            new GoldComparison.Output("duckdb", Path.Combine(output, GoldPaths.LatestFolder), Path.Combine(output, "history")));
    }

    /// <summary>Changes one DuckDB table in all four of its files (Parquet and CSV, latest and history), so
    /// only the change itself can differ.</summary>
    private static void Rewrite(GoldComparison.Output side, string table, string change)
    {
        var latest = Path.Combine(side.LatestFolder, table);
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE TABLE t AS SELECT * FROM read_parquet('{latest}.parquet'); {change}; COPY t TO '{latest}.parquet' (FORMAT PARQUET); COPY t TO '{latest}.csv' (FORMAT CSV, HEADER)";
            command.ExecuteNonQuery();
        }

        foreach (var extension in new[] { ".parquet", ".csv" })
        {
            File.Copy(latest + extension, Path.Combine(side.HistoryFolder, table + extension), overwrite: true);
        }
    }
}
