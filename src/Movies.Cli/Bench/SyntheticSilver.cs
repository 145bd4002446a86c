using System.Globalization;
using System.Text.Json.Nodes;
using Movies.Pipeline;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Cli.Bench;

/// <summary>A silver run of any size made deterministically from the sample: copies of its rows as typed
/// silver movies, each with its own imdbID and title, written to a folder lake as the silver promoter
/// writes them (movies.parquet, then the manifest that starts gold).</summary>
public static class SyntheticSilver
{
    public const string RunId = "20260101-bench-gold";

    public static readonly DateTimeOffset StartedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<SilverMovie> Movies(string sampleSource, int count)
    {
        var rows = JsonNode.Parse(File.ReadAllText(sampleSource))!.AsArray().Select(r => r!.AsObject()).Where(r => r["Title"] is not null).ToList();
        var movies = new List<SilverMovie>(count);
        for (var i = 0; i < count; i++)
        {
            var row = rows[i % rows.Count];
            var copy = i / rows.Count;
            var title = row["Title"]!.ToString();
            DateOnly? released = DateOnly.TryParseExact(Text(row, "Release Date"), "MMM dd yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            // OMDb gives several genres per film; the sample's genre and creative type stand in for them.
            List<string> genres = [.. new[] { Text(row, "Major Genre"), Text(row, "Creative Type") }.OfType<string>()];
            List<string> directors = Text(row, "Director") is { } director ? [director] : [];
            var key = string.Create(CultureInfo.InvariantCulture, $"m{i:D8}");
            movies.Add(new SilverMovie
            {
                ImdbId = string.Create(CultureInfo.InvariantCulture, $"tt{i + 1:D8}"),
                MovieKey = key,
                Title = copy == 0 ? title : string.Create(CultureInfo.InvariantCulture, $"{title} ({copy})"),
                Year = released?.Year,
                Released = released,
                RuntimeMinutes = Int(row, "Running Time min"),
                Rated = Text(row, "MPAA Rating"),
                Genres = genres,
                Directors = directors,
                Language = "English",
                Country = "United States",
                ImdbRating = Double(row, "IMDB Rating"),
                ImdbVotes = Long(row, "IMDB Votes"),
                Metascore = i % 3 == 0 ? null : 40 + i % 50,
                RottenTomatoesPercent = Int(row, "Rotten Tomatoes Rating"),
                BoxOfficeUsd = Long(row, "US Gross"),
                SourceTitle = title,
                SourceUsGrossUsd = Long(row, "US Gross"),
                SourceWorldwideGrossUsd = Long(row, "Worldwide Gross"),
                SourceProductionBudgetUsd = Long(row, "Production Budget"),
                SourceDistributor = Text(row, "Distributor"),
                SourceGenre = Text(row, "Major Genre"),
                SourceDirector = Text(row, "Director"),
                SourceRottenTomatoesPercent = Int(row, "Rotten Tomatoes Rating"),
                SourceImdbRating = Double(row, "IMDB Rating"),
                SourceImdbVotes = Long(row, "IMDB Votes"),
                RunId = RunId,
                BronzeBlob = BronzePaths.Movie(RunFolder, key),
            });
        }

        return movies;
    }

    public static string RunFolder => BronzePaths.RunFolder(DateOnly.FromDateTime(StartedAt.UtcDateTime), RunId);

    /// <summary>Writes the run's silver into <paramref name="lake"/>; returns the silver manifest's name.</summary>
    public static async Task<string> WriteAsync(ILakeStore lake, IReadOnlyList<SilverMovie> movies, CancellationToken cancellationToken = default)
    {
        var moviesBlob = SilverPaths.Movies(RunFolder);
        await lake.UploadAsync(LakeContainers.Silver, moviesBlob, await ParquetTable.WriteAsync(movies, cancellationToken), overwrite: true, cancellationToken);
        var manifest = new SilverManifest(RunId, DateOnly.FromDateTime(StartedAt.UtcDateTime), StartedAt, SilverPaths.SchemaVersion, BronzePaths.Manifest(RunFolder),
            new OutcomeCounts(movies.Count, 0, 0, 0), null, movies.Count, movies.Count, 0, new SortedDictionary<string, int>(StringComparer.Ordinal),
            moviesBlob, SilverPaths.Rejects(RunFolder));
        var manifestBlob = SilverPaths.Manifest(RunFolder);
        await lake.WriteJsonAsync(LakeContainers.Silver, manifestBlob, manifest, PipelineJsonContext.Blobs.SilverManifest, overwrite: true, cancellationToken);
        return manifestBlob;
    }

    private static string? Text(JsonObject row, string name) => row[name]?.ToString() is { Length: > 0 } s ? s : null;

    private static int? Int(JsonObject row, string name) => row[name] is JsonValue v ? (int)Math.Round(v.GetValue<double>()) : null;

    private static long? Long(JsonObject row, string name) => row[name] is JsonValue v ? (long)Math.Round(v.GetValue<double>()) : null;

    private static double? Double(JsonObject row, string name) => row[name] is JsonValue v ? v.GetValue<double>() : null;
}
