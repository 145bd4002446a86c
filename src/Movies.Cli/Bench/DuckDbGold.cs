using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Movies.Pipeline;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Cli.Bench;

/// <summary>The peer of the engine's gold build: DuckDB computing the same six tables from the same silver
/// run (its manifest and <c>movies.parquet</c>), starting from an empty gold as the measured promotion does,
/// and writing each as the engine does — Parquet (Snappy, one row group) and CSV with a header, serialised
/// once and stored twice (a history and a latest copy), 24 files, the twelve serialisations at once on the
/// machine's cores. The SQL reads only the silver columns the
/// tables need, explodes genres and directors per film (distinct within a film) without copying whole rows,
/// and aggregates each summary in one GROUP BY. Runs in a process of its own (<c>movies bench gold-duckdb</c>).</summary>
public static class DuckDbGold
{
    public static GoldSideReport Build(string lakePath, string silverManifestBlob, string outputFolder)
    {
        var startWorkingSet = ProcessMemory.WorkingSetBytes();
        var clock = Stopwatch.StartNew();
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(LakeFile(lakePath, LakeContainers.Silver, silverManifestBlob)), PipelineJsonContext.Blobs.SilverManifest)
            ?? throw new InvalidDataException($"No silver manifest at silver/{silverManifestBlob}.");
        var silver = Literal(LakeFile(lakePath, LakeContainers.Silver, manifest.MoviesBlob));
        var history = Path.Combine(outputFolder, "history");
        var latest = Path.Combine(outputFolder, GoldPaths.LatestFolder);
        Directory.CreateDirectory(history);
        Directory.CreateDirectory(latest);

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, MoviesUnified(silver, manifest));
        Execute(connection, MovieHistory);
        Execute(connection, $"CREATE TABLE {GoldPaths.GenreSummary} AS {Summary("genre", Exploded("genres"), "genre")}");
        Execute(connection, $"CREATE TABLE {GoldPaths.DecadeSummary} AS {Summary("decade", $"{GoldPaths.MoviesUnified} WHERE decade IS NOT NULL", "decade")}");
        Execute(connection, $"CREATE TABLE {GoldPaths.DirectorSummary} AS {Summary("director", Exploded("directors"), "director")}");
        Execute(connection, RunQuality(silver, manifest));

        // The twelve files are independent: written at once, each on its own connection to the same database,
        // as many at a time as there are cores (each COPY of a single-row-group file runs on one thread).
        var files = GoldPaths.Tables.SelectMany(table => new[] { (Table: table, Extension: "parquet", Options: $"FORMAT PARQUET, COMPRESSION SNAPPY, ROW_GROUP_SIZE {ParquetTable.RowGroupSize}"), (Table: table, Extension: "csv", Options: "FORMAT CSV, HEADER") })
            .OrderByDescending(f => f.Table == GoldPaths.MoviesUnified)
            .ToList();
        try
        {
            Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                using var writer = connection.Duplicate();
                writer.Open();
                var written = Path.Combine(history, $"{file.Table}.{file.Extension}");
                Execute(writer, $"COPY {file.Table} TO {Literal(written)} ({file.Options})");
                File.Copy(written, Path.Combine(latest, $"{file.Table}.{file.Extension}"), overwrite: true);
            });
        }
        catch (AggregateException e)
        {
            throw new InvalidOperationException($"DuckDB could not write gold: {string.Join("; ", e.InnerExceptions.Select(i => i.Message))}", e);
        }

        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in GoldPaths.Tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {table}";
            rows[table] = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        clock.Stop();
        return new GoldSideReport(clock.Elapsed.TotalSeconds, startWorkingSet, ProcessMemory.PeakWorkingSetBytes(), rows);
    }

    private static string MoviesUnified(string silver, SilverManifest manifest)
        => $"""
            CREATE TABLE {GoldPaths.MoviesUnified} AS
            SELECT imdb_id, title, year, year // 10 * 10 AS decade, released, runtime_minutes, rated,
                CASE WHEN len(genres) > 0 THEN array_to_string(genres, ', ') ELSE source_genre END AS genres,
                CASE WHEN len(directors) > 0 THEN array_to_string(directors, ', ')
                    WHEN source_director IS NOT NULL THEN {SourceDirectors("source_director")} END AS directors,
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
                {Timestamp(manifest.StartedAt)} AS last_refreshed_at
            FROM read_parquet({silver})
            ORDER BY imdb_id
            """;

    /// <summary>From an empty gold, as the measured promotion starts: one current version of each film's tracked facts.</summary>
    private static string MovieHistory
        => $"""
            CREATE TABLE {GoldPaths.MovieHistory} AS
            SELECT imdb_id, imdb_rating, imdb_votes, metascore, rotten_tomatoes_percent, omdb_box_office_usd AS box_office_usd,
                last_refreshed_at AS valid_from, NULL::TIMESTAMP AS valid_to, true AS is_current, last_run_id AS run_id
            FROM {GoldPaths.MoviesUnified}
            ORDER BY imdb_id
            """;

    /// <summary>The engine's fallback when OMDb named no director: the source's names split on ',', trimmed,
    /// N/A and empties dropped, the first of each name kept, joined again; null when none is left. Only
    /// evaluated for the rows that need it.</summary>
    private static string SourceDirectors(string column)
    {
        var names = $"list_filter(list_transform(string_split({column}, ','), x -> trim(x)), x -> x <> '' AND upper(x) <> 'N/A')";
        return $"nullif(array_to_string(list_filter({names}, (x, i) -> list_position({names}, x) = i), ', '), '')";
    }

    /// <summary>One row per film and distinct name in its list column, as the engine splits it (", ", trimmed, empties dropped).</summary>
    private static string Exploded(string listColumn)
        => $"""
            (SELECT unnest(list_distinct(list_filter(list_transform(string_split({listColumn}, ', '), x -> trim(x)), x -> x <> ''))) AS {listColumn[..^1]},
                imdb_rating, rotten_tomatoes_percent, metascore, worldwide_gross_usd
             FROM {GoldPaths.MoviesUnified} WHERE {listColumn} <> '')
            """;

    private static string Summary(string key, string films, string orderBy)
        => $"""
            SELECT {key}, count(*)::INTEGER AS films,
                round(avg(imdb_rating), 4) AS mean_imdb_rating,
                round(avg(rotten_tomatoes_percent), 4) AS mean_rotten_tomatoes_percent,
                round(avg(metascore), 4) AS mean_metascore,
                coalesce(sum(worldwide_gross_usd), 0)::BIGINT AS total_worldwide_gross_usd,
                median(worldwide_gross_usd)::DOUBLE AS median_worldwide_gross_usd
            FROM {films}
            GROUP BY {key} ORDER BY {orderBy}
            """;

    /// <summary>The run's quality row: counts from the silver manifest, null rates from one pass over silver.
    /// The bench's runs always pass the quality check; one that would not is refused rather than half-copied.</summary>
    private static string RunQuality(string silver, SilverManifest manifest)
    {
        var threshold = new GoldOptions().RejectThresholdPercent;
        var rate = manifest.BronzeRecords == 0 ? 0 : Math.Round(100.0 * manifest.Rejects / manifest.BronzeRecords, 2);
        if (manifest.FatalReason is not null || rate > threshold)
        {
            throw new InvalidOperationException($"The silver run {manifest.RunId} fails its quality check; the DuckDB peer only builds runs that pass.");
        }

        string Rejected(string reason) => manifest.RejectsByReason.GetValueOrDefault(reason).ToString(CultureInfo.InvariantCulture);
        static string NullRate(string isNull) => $"CASE WHEN count(*) = 0 THEN NULL ELSE round(count_if({isNull}) / count(*), 4) END";
        return string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE {GoldPaths.RunQuality} AS
            SELECT {Literal(manifest.RunId)} AS run_id, DATE '{manifest.RunDate:yyyy-MM-dd}' AS run_date, {Timestamp(manifest.StartedAt)} AS started_at,
                'succeeded' AS status, NULL::VARCHAR AS failure_reason,
                {manifest.Bronze.Total}::INTEGER AS selected, {manifest.Bronze.Fetched}::INTEGER AS fetched, {manifest.Bronze.NotFound}::INTEGER AS not_found,
                {manifest.Bronze.Failed}::INTEGER AS failed, {manifest.Bronze.Skipped}::INTEGER AS skipped,
                {manifest.Rows}::INTEGER AS silver_rows, {manifest.Rejects}::INTEGER AS rejected,
                {rate}::DOUBLE AS reject_rate_percent, {threshold}::DOUBLE AS reject_threshold_percent,
                {Rejected(RejectReasons.MissingBronze)}::INTEGER AS rejected_missing_bronze,
                {Rejected(RejectReasons.UnparsableJson)}::INTEGER AS rejected_unparsable_json,
                {Rejected(RejectReasons.NotAMovieAnswer)}::INTEGER AS rejected_not_a_movie_answer,
                {Rejected(RejectReasons.MissingImdbId)}::INTEGER AS rejected_missing_imdb_id,
                {Rejected(RejectReasons.MissingTitle)}::INTEGER AS rejected_missing_title,
                {Rejected(RejectReasons.UnparsableValue)}::INTEGER AS rejected_unparsable_value,
                {Rejected(RejectReasons.YearOutOfRange)}::INTEGER AS rejected_year_out_of_range,
                {Rejected(RejectReasons.RatingOutOfRange)}::INTEGER AS rejected_rating_out_of_range,
                {Rejected(RejectReasons.NegativeMoney)}::INTEGER AS rejected_negative_money,
                {Rejected(RejectReasons.DuplicateImdbId)}::INTEGER AS rejected_duplicate_imdb_id,
                {NullRate("year IS NULL")} AS null_rate_year,
                {NullRate("released IS NULL")} AS null_rate_released,
                {NullRate("runtime_minutes IS NULL")} AS null_rate_runtime,
                {NullRate("coalesce(len(genres), 0) = 0")} AS null_rate_genres,
                {NullRate("imdb_rating IS NULL")} AS null_rate_imdb_rating,
                {NullRate("rotten_tomatoes_percent IS NULL")} AS null_rate_rotten_tomatoes,
                {NullRate("metascore IS NULL")} AS null_rate_metascore,
                {NullRate("source_worldwide_gross_usd IS NULL")} AS null_rate_worldwide_gross,
                {NullRate("source_production_budget_usd IS NULL")} AS null_rate_budget
            FROM read_parquet({silver})
            """);
    }

    private static string LakeFile(string lakePath, string container, string blob)
        => Path.Combine(lakePath, container, blob.Replace('/', Path.DirectorySeparatorChar));

    private static string Timestamp(DateTimeOffset at)
        => $"TIMESTAMP '{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'";

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
