using System.Globalization;
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
        ArgumentNullException.ThrowIfNull(silver);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rejects);

        var quality = GoldTables.Quality(silver, rows, thresholdPercent);
        return new RunReport(
            bronze.RunId,
            bronze.Movies.Count,
            bronze.SourceRows,
            bronze.SourceRejects,
            bronze.FatalReason,
            Outcomes(bronze.Movies),
            Rejects(rejects),
            new ReportQuality(quality.Status, quality.FailureReason, silver.BronzeRecords, silver.Rows, silver.Rejects, quality.RejectRatePercent, quality.RejectThresholdPercent),
            TopFilms(rows),
            Genres(rows),
            Decades(rows),
            Timing(bronze));
    }

    public static IReadOnlyList<ReportCount> Outcomes(IEnumerable<MovieOutcome> movies)
    {
        var counts = movies.GroupBy(m => m.Outcome, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var others = counts.Keys.Where(k => !KnownOutcomes.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal);
        return [.. KnownOutcomes.Concat(others).Select(o => new ReportCount(o, counts.GetValueOrDefault(o)))];
    }

    public static IReadOnlyList<RejectGroup> Rejects(IEnumerable<SilverReject> rejects)
        => [.. rejects
            .GroupBy(r => r.Reason, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RejectGroup(g.Key, g.Count(), [.. g.Take(ExamplesPerReason).Select(r => new RejectExample(r.MovieKey, r.Detail))]))];

    public static IReadOnlyList<ReportFilm> TopFilms(IEnumerable<SilverMovie> rows)
        => [.. rows
            .OrderByDescending(m => m.ImdbRating ?? double.MinValue)
            .ThenByDescending(m => m.ImdbVotes ?? long.MinValue)
            .ThenBy(m => m.Title, StringComparer.Ordinal)
            .ThenBy(m => m.ImdbId, StringComparer.Ordinal)
            .Take(TopFilmCount)
            .Select(m => new ReportFilm(m.Title, m.Year, m.ImdbRating, m.ImdbVotes, m.Genres))];

    /// <summary>Films per genre (a film counts once in each of its genres), most first.</summary>
    public static IReadOnlyList<ReportCount> Genres(IEnumerable<SilverMovie> rows)
        => [.. rows
            .SelectMany(m => m.Genres.Distinct(StringComparer.Ordinal))
            .GroupBy(g => g, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportCount(g.Key, g.Count()))];

    /// <summary>Films per decade of release, oldest first; films without a year last, as "unknown".</summary>
    public static IReadOnlyList<ReportCount> Decades(IEnumerable<SilverMovie> rows)
        => [.. rows
            .GroupBy(m => m.Year is { } year ? year / 10 * 10 : (int?)null)
            .OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g => new ReportCount(g.Key is { } decade ? decade.ToString(CultureInfo.InvariantCulture) + "s" : "unknown", g.Count()))];

    public static ReportTiming Timing(RunManifest bronze)
    {
        ArgumentNullException.ThrowIfNull(bronze);
        var attempted = bronze.Movies.Where(m => m.Attempts > 0).ToList();
        return new ReportTiming(
            bronze.StartedAt,
            bronze.RunDate,
            bronze.Batches,
            bronze.BatchSize,
            attempted.Count,
            attempted.Sum(m => m.Attempts),
            attempted.Sum(m => m.Attempts - 1),
            attempted.Count == 0 ? 0 : attempted.Max(m => m.Attempts));
    }
}
