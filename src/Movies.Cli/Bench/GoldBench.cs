using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Cli.Bench;

/// <summary>The engine's silver→gold build (<see cref="GoldPromoter"/> on a folder lake) against DuckDB
/// computing and writing the same tables with SQL from the same silver Parquet, in this process.</summary>
public sealed class GoldBench(string workFolder, string sampleSource)
{
    private const int WarmupRows = 500;

    public async Task<GoldBenchResult> MeasureAsync(int rows, CancellationToken cancellationToken = default)
    {
        // Both once on a small input first, so JIT, DuckDB's start-up and first file writes are not billed.
        var warmup = await PrepareAsync("gold-warmup", Math.Min(rows, WarmupRows), cancellationToken);
        var warmupCounts = await BuildWithEngineAsync(warmup, cancellationToken);
        EnsureSameRows(warmupCounts, BuildWithDuckDb(warmup, Path.Combine(workFolder, "gold-warmup-duckdb")));

        var lake = await PrepareAsync("gold", rows, cancellationToken);
        // Aggressive: also gives back memory the GC keeps committed from earlier stages, so the baseline is
        // low and the build's growth is not hidden by reuse of memory it did not pay for.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<string, int> engineCounts;
        var sampler = new MemorySampler(TimeSpan.FromMilliseconds(20));
        try
        {
            engineCounts = await BuildWithEngineAsync(lake, cancellationToken);
            clock.Stop();
        }
        finally
        {
            sampler.Dispose();
        }

        var engineSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var duckCounts = BuildWithDuckDb(lake, Path.Combine(workFolder, "gold-duckdb"));
        clock.Stop();
        EnsureSameRows(engineCounts, duckCounts);
        var phases = await ProfileEngineAsync(lake, cancellationToken);
        return new GoldBenchResult(rows, engineSeconds, clock.Elapsed.TotalSeconds, sampler.BaselineWorkingSet, sampler.PeakWorkingSetGrowth, sampler.PeakManaged, phases);
    }

    private async Task<string> PrepareAsync(string name, int rows, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workFolder, name);
        await SyntheticSilver.WriteAsync(new FileSystemLakeStore(path), SyntheticSilver.Movies(sampleSource, rows), cancellationToken);
        return path;
    }

    private static async Task<IReadOnlyDictionary<string, int>> BuildWithEngineAsync(string lakePath, CancellationToken cancellationToken)
    {
        var promoter = new GoldPromoter(new FileSystemLakeStore(lakePath), Options.Create(new GoldOptions()), NullLogger<GoldPromoter>.Instance);
        var result = await promoter.PromoteAsync(SilverPaths.Manifest(SyntheticSilver.RunFolder), cancellationToken);
        return result.TableRows;
    }

    /// <summary>The engine's steps one at a time, as <see cref="GoldPromoter"/> does them, each timed: where
    /// its time goes. Runs against an empty gold, as the measured build did.</summary>
    private static async Task<IReadOnlyDictionary<string, double>> ProfileEngineAsync(string lakePath, CancellationToken cancellationToken)
    {
        var lake = new FileSystemLakeStore(Path.Combine(lakePath, "profile"));
        var source = new FileSystemLakeStore(lakePath);
        var phases = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        void Lap(string phase)
        {
            phases[phase] = Math.Round(phases.GetValueOrDefault(phase) + clock.Elapsed.TotalSeconds, 3);
            clock.Restart();
        }

        var content = (await source.DownloadAsync(LakeContainers.Silver, SilverPaths.Movies(SyntheticSilver.RunFolder), cancellationToken))!;
        var silver = await ParquetTable.ReadAsync<SilverMovie>(content, cancellationToken);
        Lap("read_parquet");
        var movies = GoldTables.Upsert([], silver.Select(m => GoldTables.Unify(m, SyntheticSilver.StartedAt)));
        var genres = GoldTables.Genres(movies);
        var decades = GoldTables.Decades(movies);
        var directors = GoldTables.Directors(movies);
        Lap("compute");
        async Task PublishAsync<T>(string table, IReadOnlyCollection<T> rows)
            where T : class, new()
        {
            clock.Restart();
            var parquet = await ParquetTable.WriteAsync(rows, cancellationToken);
            Lap("write_parquet");
            var csv = CsvTableWriter.Write(rows);
            Lap("write_csv");
            foreach (var name in new[] { "history", "latest" })
            {
                await lake.UploadAsync(LakeContainers.Gold, $"{name}/{table}.parquet", parquet, overwrite: true, cancellationToken);
                await lake.UploadAsync(LakeContainers.Gold, $"{name}/{table}.csv", csv, overwrite: true, cancellationToken);
            }

            Lap("store_files");
        }

        await PublishAsync(GoldPaths.MoviesUnified, movies);
        await PublishAsync(GoldPaths.GenreSummary, genres);
        await PublishAsync(GoldPaths.DecadeSummary, decades);
        await PublishAsync(GoldPaths.DirectorSummary, directors);
        return phases;
    }

    /// <summary>The same five tables with the same grouping, as SQL; each written as the engine writes
    /// it, Parquet (Snappy) and CSV, to a history and a latest copy. Returns each table's row count.</summary>
    private static Dictionary<string, int> BuildWithDuckDb(string lakePath, string outputFolder)
    {
        var input = Path.Combine(lakePath, LakeContainers.Silver, SilverPaths.Movies(SyntheticSilver.RunFolder)).Replace('\\', '/');
        Directory.CreateDirectory(Path.Combine(outputFolder, "history"));
        Directory.CreateDirectory(Path.Combine(outputFolder, "latest"));
        var startedAt = SyntheticSilver.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE silver AS SELECT * FROM read_parquet('{input}');
            CREATE TABLE movies_unified AS
            SELECT imdb_id, title, year, year // 10 * 10 AS decade, released, runtime_minutes, rated,
                CASE WHEN len(genres) > 0 THEN array_to_string(genres, ', ') ELSE source_genre END AS genres,
                -- The engine splits source_director as OMDb lists; bench rows hold one name, so it is taken whole.
                CASE WHEN len(directors) > 0 THEN array_to_string(directors, ', ') ELSE source_director END AS directors,
                language, country,
                coalesce(imdb_rating, source_imdb_rating) AS imdb_rating,
                coalesce(imdb_votes, source_imdb_votes) AS imdb_votes,
                coalesce(rotten_tomatoes_percent, source_rotten_tomatoes_percent) AS rotten_tomatoes_percent,
                metascore,
                coalesce(source_us_gross_usd, box_office_usd) AS domestic_gross_usd,
                source_worldwide_gross_usd AS worldwide_gross_usd,
                source_production_budget_usd AS production_budget_usd,
                CASE WHEN source_production_budget_usd > 0
                    THEN round((source_worldwide_gross_usd - source_production_budget_usd) / source_production_budget_usd::DOUBLE, 4) END AS return_on_budget,
                box_office_usd AS omdb_box_office_usd,
                source_imdb_rating, source_imdb_votes, source_rotten_tomatoes_percent, source_genre,
                source_distributor AS distributor, movie_key, run_id AS last_run_id,
                TIMESTAMP '{startedAt}' AS last_refreshed_at
            FROM silver ORDER BY imdb_id;
            CREATE TABLE genre_summary AS {Summary("genre", "SELECT DISTINCT m.*, unnest(string_split(genres, ', ')) AS genre FROM movies_unified m WHERE genres <> ''")};
            CREATE TABLE decade_summary AS {Summary("decade", "SELECT * FROM movies_unified WHERE decade IS NOT NULL")};
            CREATE TABLE director_summary AS {Summary("director", "SELECT DISTINCT m.*, unnest(string_split(directors, ', ')) AS director FROM movies_unified m WHERE directors <> ''")};
            CREATE TABLE run_quality AS
            SELECT '{SyntheticSilver.RunId}' AS run_id, DATE '{startedAt[..10]}' AS run_date, TIMESTAMP '{startedAt}' AS started_at,
                'succeeded' AS status, NULL::VARCHAR AS failure_reason,
                count(*)::INTEGER AS selected, count(*)::INTEGER AS fetched, 0 AS not_found, 0 AS failed, 0 AS skipped,
                count(*)::INTEGER AS silver_rows, 0 AS rejected, 0.0 AS reject_rate_percent, {new GoldOptions().RejectThresholdPercent}::DOUBLE AS reject_threshold_percent,
                {NullRate("year IS NULL")} AS null_rate_year, {NullRate("released IS NULL")} AS null_rate_released,
                {NullRate("runtime_minutes IS NULL")} AS null_rate_runtime, {NullRate("coalesce(len(genres), 0) = 0")} AS null_rate_genres,
                {NullRate("imdb_rating IS NULL")} AS null_rate_imdb_rating, {NullRate("rotten_tomatoes_percent IS NULL")} AS null_rate_rotten_tomatoes,
                {NullRate("metascore IS NULL")} AS null_rate_metascore, {NullRate("source_worldwide_gross_usd IS NULL")} AS null_rate_worldwide_gross,
                {NullRate("source_production_budget_usd IS NULL")} AS null_rate_budget
            FROM silver;
            """));

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in GoldPaths.Tables)
        {
            foreach (var copy in new[] { "history", "latest" })
            {
                var target = Path.Combine(outputFolder, copy, table).Replace('\\', '/');
                Execute(connection, $"COPY {table} TO '{target}.parquet' (FORMAT PARQUET, COMPRESSION SNAPPY); COPY {table} TO '{target}.csv' (FORMAT CSV, HEADER);");
            }

            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table}";
            counts[table] = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private static string Summary(string key, string films)
        => $"""
            SELECT {key}, count(*)::INTEGER AS films,
                round(avg(imdb_rating), 4) AS mean_imdb_rating,
                round(avg(rotten_tomatoes_percent), 4) AS mean_rotten_tomatoes_percent,
                round(avg(metascore), 4) AS mean_metascore,
                coalesce(sum(worldwide_gross_usd), 0)::BIGINT AS total_worldwide_gross_usd,
                median(worldwide_gross_usd)::DOUBLE AS median_worldwide_gross_usd
            FROM ({films}) GROUP BY {key} ORDER BY {key}
            """;

    private static string NullRate(string isNull) => $"round(avg(CASE WHEN {isNull} THEN 1.0 ELSE 0.0 END), 4)";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void EnsureSameRows(IReadOnlyDictionary<string, int> engine, Dictionary<string, int> duckDb)
    {
        foreach (var table in GoldPaths.Tables)
        {
            if (engine.GetValueOrDefault(table) != duckDb.GetValueOrDefault(table))
            {
                throw new InvalidOperationException($"Gold table {table}: the engine wrote {engine.GetValueOrDefault(table)} rows, DuckDB {duckDb.GetValueOrDefault(table)}; the comparison would mean nothing.");
            }
        }
    }
}
