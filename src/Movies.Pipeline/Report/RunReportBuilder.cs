using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Report;

/// <summary>Gathers a <see cref="RunReport"/> from what a run left in the lake. Pure: the same inputs give
/// the same report, in a fixed order.</summary>
public static class RunReportBuilder
{
    public const int TopFilmCount = 10;
    public const int ExamplesPerReason = 3;

    /// <summary>Outcomes always shown, in this order, even at zero; any other outcome a manifest holds
    /// follows them, so a new outcome shows up without a change here.</summary>
    public static IReadOnlyList<string> KnownOutcomes { get; } =
        [MovieOutcomes.Fetched, MovieOutcomes.NotFound, MovieOutcomes.Failed, MovieOutcomes.Skipped, MovieOutcomes.Cached, MovieOutcomes.Deferred];

    /// <summary>The silver columns a report reads (its quality figures, top films, genres and decades): a run's silver
    /// is read with just these, not its text-heavy columns (plot-length awards, actors, writers).</summary>
    public static IReadOnlyList<string> SilverColumns { get; } =
    [
        "imdb_id", "title", "year", "released", "runtime_minutes", "genres", "imdb_rating", "imdb_votes", "metascore",
        "rotten_tomatoes_percent", "source_worldwide_gross_usd", "source_production_budget_usd",
    ];

    public static RunReport Build(RunManifest bronze, SilverManifest silver, IReadOnlyCollection<SilverMovie> rows, IReadOnlyList<SilverReject> rejects, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        ArgumentNullException.ThrowIfNull(rows);
        return Build(bronze, ManifestTally.Of(bronze.Movies), silver, SilverTally.Of(rows), SilverNullCounts.Of(rows), rejects, thresholdPercent);
    }

    /// <summary>The report from the manifest's movies and the silver films as tallies (<see cref="ManifestTally"/>,
    /// <see cref="SilverTally"/>, <see cref="SilverNullCounts"/>): what <see cref="RunReportWriter"/> gathers while
    /// streaming the manifest and reading silver as columns. <paramref name="bronze"/>'s own movies are not read.</summary>
    public static RunReport Build(RunManifest bronze, ManifestTally movies, SilverManifest silver, SilverTally films, SilverNullCounts nulls,
        IReadOnlyList<SilverReject> rejects, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        ArgumentNullException.ThrowIfNull(movies);
        ArgumentNullException.ThrowIfNull(silver);
        ArgumentNullException.ThrowIfNull(films);
        ArgumentNullException.ThrowIfNull(rejects);

        var quality = GoldTables.Quality(silver, nulls, thresholdPercent);
        return new RunReport(
            bronze.RunId,
            movies.Movies,
            bronze.SourceRows,
            bronze.SourceRejects,
            bronze.FatalReason,
            movies.Outcomes(),
            Rejects(rejects),
            new ReportQuality(quality.Status, quality.FailureReason, silver.BronzeRecords, silver.Rows, silver.Rejects, quality.RejectRatePercent, quality.RejectThresholdPercent),
            films.TopFilms(),
            films.Genres(),
            films.Decades(),
            Timing(bronze, movies));
    }

    public static IReadOnlyList<ReportCount> Outcomes(IEnumerable<MovieOutcome> movies) => ManifestTally.Of(movies).Outcomes();

    public static IReadOnlyList<RejectGroup> Rejects(IEnumerable<SilverReject> rejects)
        => [.. rejects
            .GroupBy(r => r.Reason, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RejectGroup(g.Key, g.Count(), [.. g.Take(ExamplesPerReason).Select(r => new RejectExample(r.MovieKey, r.Detail))]))];

    public static IReadOnlyList<ReportFilm> TopFilms(IEnumerable<SilverMovie> rows) => SilverTally.Of(rows).TopFilms();

    /// <summary>Films per genre (a film counts once in each of its genres), most first.</summary>
    public static IReadOnlyList<ReportCount> Genres(IEnumerable<SilverMovie> rows) => SilverTally.Of(rows).Genres();

    /// <summary>Films per decade of release, oldest first; films without a year last, as "unknown".</summary>
    public static IReadOnlyList<ReportCount> Decades(IEnumerable<SilverMovie> rows) => SilverTally.Of(rows).Decades();

    public static ReportTiming Timing(RunManifest bronze)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        return Timing(bronze, ManifestTally.Of(bronze.Movies));
    }

    private static ReportTiming Timing(RunManifest bronze, ManifestTally movies)
        => new(bronze.StartedAt, bronze.RunDate, bronze.Batches, bronze.BatchSize, movies.Lookups, movies.Attempts, movies.Retries, movies.MaxAttempts);
}
