using Movies.Pipeline.Bronze;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Tests.Report;

public class RunReportBuilderTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Outcomes_ManifestWithNewOutcome_KnownOnesAtZeroAndTheNewOneAfter()
    {
        MovieOutcome[] movies =
        [
            Movie("a", MovieOutcomes.Fetched, 1), Movie("b", MovieOutcomes.Fetched, 3), Movie("c", MovieOutcomes.NotFound, 1),
            Movie("d", "cached", 0), Movie("e", "rerouted", 1),
        ];

        var outcomes = RunReportBuilder.Outcomes(movies);

        Assert.Equal(
            ["fetched 2", "not_found 1", "failed 0", "skipped 0", "cached 1", "deferred 0", "rerouted 1"],
            outcomes.Select(o => $"{o.Label} {o.Count}"));
    }

    [Fact]
    public void Build_RunWithRejects_GroupsByReasonWithAtMostThreeExamplesAndGoldsQualityVerdict()
    {
        var bronze = Manifest([Movie("a", MovieOutcomes.Fetched, 1), Movie("b", MovieOutcomes.Fetched, 2), Movie("c", MovieOutcomes.Fetched, 1),
            Movie("d", MovieOutcomes.Fetched, 1), Movie("e", MovieOutcomes.Fetched, 1), Movie("f", MovieOutcomes.Failed, 4)]);
        SilverReject[] rejects =
        [
            Reject("b", "missing_title"), Reject("c", "year_out_of_range"), Reject("d", "year_out_of_range"),
            Reject("e", "year_out_of_range"), Reject("a", "year_out_of_range"),
        ];
        var silver = Silver(bronze, rows: 0, rejects);

        var report = RunReportBuilder.Build(bronze, silver, [], rejects, thresholdPercent: 20);

        Assert.Equal(["year_out_of_range 4", "missing_title 1"], report.Rejects.Select(r => $"{r.Reason} {r.Count}"));
        Assert.Equal(["c", "d", "e"], report.Rejects[0].Examples.Select(e => e.MovieKey));
        Assert.Equal(("failed", 100.0, 20.0), (report.Quality.Status, report.Quality.RejectRatePercent, report.Quality.ThresholdPercent));
        Assert.Contains("above the 20% threshold", report.Quality.FailureReason, StringComparison.Ordinal);
        // Attempts: 1+2+1+1+1+4 over six lookups, four of them retries.
        Assert.Equal((6, 10, 4, 4), (report.Timing.Lookups, report.Timing.Attempts, report.Timing.Retries, report.Timing.MaxAttempts));
    }

    [Fact]
    public void Build_SilverRows_TopFilmsByRatingThenVotesGenresOnceEachDecadesOldestFirst()
    {
        SilverMovie[] rows =
        [
            Row("tt1", "Low", 1994, 6.1, 10, "Drama"),
            Row("tt2", "High, fewer votes", 2003, 8.8, 100, "Drama", "Crime"),
            Row("tt3", "High, more votes", 1957, 8.8, 900, "Drama", "Drama"),
            Row("tt4", "No year", null, null, null, "Comedy"),
        ];
        var bronze = Manifest([.. rows.Select(r => Movie(r.MovieKey, MovieOutcomes.Fetched, 1))]);

        var report = RunReportBuilder.Build(bronze, Silver(bronze, rows.Length, []), rows, [], 20);

        Assert.Equal(["High, more votes", "High, fewer votes", "Low", "No year"], report.TopFilms.Select(f => f.Title));
        Assert.Equal(["Drama 3", "Comedy 1", "Crime 1"], report.Genres.Select(g => $"{g.Label} {g.Count}"));
        Assert.Equal(["1950s 1", "1990s 1", "2000s 1", "unknown 1"], report.Decades.Select(d => $"{d.Label} {d.Count}"));
        Assert.Equal("succeeded", report.Quality.Status);
    }

    private static MovieOutcome Movie(string key, string outcome, int attempts)
        => new(key, key, 2000, 1, outcome, outcome == MovieOutcomes.Fetched ? $"2026/11/23/r/{key}.json" : null, outcome == MovieOutcomes.Fetched ? null : "because", attempts);

    private static SilverReject Reject(string key, string reason) => new("r", key, $"2026/11/23/r/{key}.json", reason, $"{key} is bad");

    private static SilverMovie Row(string imdbId, string title, int? year, double? rating, long? votes, params string[] genres)
        => new() { ImdbId = imdbId, MovieKey = imdbId, Title = title, Year = year, ImdbRating = rating, ImdbVotes = votes, Genres = [.. genres] };

    private static RunManifest Manifest(IReadOnlyList<MovieOutcome> movies)
        => new("r", new DateOnly(2026, 11, 23), Started, movies.Count, 5, 2, OutcomeCounts.Of(movies), null, 100, 1, movies);

    private static SilverManifest Silver(RunManifest bronze, int rows, SilverReject[] rejects)
        => new("r", bronze.RunDate, bronze.StartedAt, SilverPaths.SchemaVersion, "2026/11/23/r/_manifest.json", bronze.Counts, null, bronze.Counts.Fetched, rows,
            rejects.Length, rejects.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()), "2026/11/23/r/movies.parquet", "2026/11/23/r/rejects.jsonl");
}
