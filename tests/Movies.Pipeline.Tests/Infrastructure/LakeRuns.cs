using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>Writes bronze runs straight into a lake (as the enrich and manifest steps would), builds the
/// promoters over it, and reads Parquet back with DuckDB, an independent reader.</summary>
internal static class LakeRuns
{
    /// <summary>The movie blobs of a bronze run folder: every name but the run's own '_' files.</summary>
    public static async Task<List<string>> MovieBlobsAsync(ILakeStore lake, string runFolder)
    {
        var names = new List<string>();
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Bronze, runFolder + "/"))
        {
            if (!name[(runFolder.Length + 1)..].StartsWith('_'))
            {
                names.Add(name);
            }
        }

        return names;
    }

    public static async Task<List<string>> NamesAsync(ILakeStore lake, string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in lake.GetNamesAsync(container, prefix))
        {
            names.Add(name);
        }

        return names;
    }

    public static async Task<RunManifest> ManifestAsync(ILakeStore lake, string manifestBlob)
        => (await lake.ReadJsonAsync(LakeContainers.Bronze, manifestBlob, PipelineJsonContext.Blobs.RunManifest))!;

    public static string Omdb(string imdbId, string title, int year, string rating = "7.5", string boxOffice = "$1,000,000", string genre = "Drama", string director = "Jane Doe")
        => new JsonObject
        {
            ["Title"] = title,
            ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Genre"] = genre,
            ["Director"] = director,
            ["imdbRating"] = rating,
            ["imdbVotes"] = "1,234",
            ["imdbID"] = imdbId,
            ["BoxOffice"] = boxOffice,
            ["Ratings"] = new JsonArray(new JsonObject { ["Source"] = "Rotten Tomatoes", ["Value"] = "80%" }),
            ["Response"] = "True",
        }.ToJsonString();

    public static string Source(long worldwide, long budget)
        => new JsonObject { ["Worldwide Gross"] = worldwide, ["Production Budget"] = budget, ["Distributor"] = "Indie" }.ToJsonString();

    public static async Task<string> WriteRunAsync(ILakeStore lake, string runId, DateOnly date, DateTimeOffset startedAt, IReadOnlyList<BronzeMovie> movies, int notFound = 0)
    {
        var folder = BronzePaths.RunFolder(date, runId);
        var outcomes = new List<MovieOutcome>();
        foreach (var movie in movies)
        {
            var blob = BronzePaths.Movie(folder, movie.Key);
            if (!movie.Missing)
            {
                var content = movie.RawBlob is { } raw
                    ? BinaryData.FromString(raw)
                    : new BinaryData(JsonSerializer.SerializeToUtf8Bytes(
                        new BronzeRecord(runId, movie.Key, 1, new BronzeRequest(movie.Key, null, "t=" + movie.Key), startedAt, 1, movie.Source, movie.Omdb),
                        PipelineJsonContext.Blobs.BronzeRecord));
                await lake.UploadAsync(LakeContainers.Bronze, blob, content, overwrite: true);
            }

            outcomes.Add(new MovieOutcome(movie.Key, movie.Key, null, 1, MovieOutcomes.Fetched, blob, null, 1));
        }

        for (var i = 0; i < notFound; i++)
        {
            outcomes.Add(new MovieOutcome($"missing-{i}", "Missing", null, 1, MovieOutcomes.NotFound, null, "Movie not found!", 1));
        }

        var manifest = new RunManifest(runId, date, startedAt, outcomes.Count, 5, 1, OutcomeCounts.Of(outcomes), null, 100, 0, outcomes);
        var name = BronzePaths.Manifest(folder);
        await lake.WriteJsonAsync(LakeContainers.Bronze, name, manifest, PipelineJsonContext.Blobs.RunManifest, overwrite: true);
        return name;
    }

    public static RunPromoter Promoter(ILakeStore lake, double thresholdPercent = 20)
        => new(lake, new SilverPromoter(lake, NullLogger<SilverPromoter>.Instance),
            new GoldPromoter(lake, Options.Create(new GoldOptions { RejectThresholdPercent = thresholdPercent }), NullLogger<GoldPromoter>.Instance),
            new RunReportWriter(lake, Options.Create(new GoldOptions { RejectThresholdPercent = thresholdPercent }), NullLogger<RunReportWriter>.Instance));

    /// <summary>Runs a query over one Parquet blob (as view <c>t</c>) with DuckDB; rows as arrays of values.</summary>
    public static async Task<List<object?[]>> QueryParquetAsync(ILakeStore lake, string container, string name, string sql)
    {
        var content = await lake.DownloadAsync(container, name) ?? throw new InvalidOperationException($"{container}/{name} does not exist");
        var path = Path.Combine(Path.GetTempPath(), $"movies-test-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, content.ToArray());
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using (var view = connection.CreateCommand())
            {
                view.CommandText = $"CREATE VIEW t AS SELECT * FROM read_parquet('{path}')";
                view.ExecuteNonQuery();
            }

            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
            }

            return rows;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<Dictionary<string, string>> HashAsync(ILakeStore lake, string container, string prefix)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var name in lake.GetNamesAsync(container, prefix))
        {
            var content = await lake.DownloadAsync(container, name);
            hashes[name] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content!.ToArray()));
        }

        return hashes;
    }
}
