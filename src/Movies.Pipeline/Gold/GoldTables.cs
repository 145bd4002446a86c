using System.Globalization;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Gold;

/// <summary>Builds the gold tables. Pure functions of their inputs with a fixed row order, so the same
/// silver and the same current state always give the same tables.</summary>
public static class GoldTables
{
    /// <summary>How lists (genres, directors) are joined into one text column, as OMDb writes them.</summary>
    public const string ListSeparator = ", ";

    private const int Digits = 4;

    public static MoviesUnifiedRow Unify(SilverMovie movie, DateTimeOffset refreshedAt)
    {
        ArgumentNullException.ThrowIfNull(movie);
        var genres = movie.Genres.Count > 0 ? movie.Genres : movie.SourceGenre is { } g ? [g] : [];
        var directors = movie.Directors.Count > 0 ? movie.Directors : OmdbAnswerParser.ParseList(movie.SourceDirector);
        var worldwide = movie.SourceWorldwideGrossUsd;
        var budget = movie.SourceProductionBudgetUsd;
        return new MoviesUnifiedRow
        {
            ImdbId = movie.ImdbId,
            Title = movie.Title,
            Year = movie.Year,
            Decade = movie.Year / 10 * 10,
            Released = movie.Released,
            RuntimeMinutes = movie.RuntimeMinutes,
            Rated = movie.Rated,
            Genres = genres.Count > 0 ? string.Join(ListSeparator, genres) : null,
            Directors = directors.Count > 0 ? string.Join(ListSeparator, directors) : null,
            Language = movie.Language,
            Country = movie.Country,
            ImdbRating = movie.ImdbRating ?? movie.SourceImdbRating,
            ImdbVotes = movie.ImdbVotes ?? movie.SourceImdbVotes,
            RottenTomatoesPercent = movie.RottenTomatoesPercent ?? movie.SourceRottenTomatoesPercent,
            Metascore = movie.Metascore,
            DomesticGrossUsd = movie.SourceUsGrossUsd ?? movie.BoxOfficeUsd,
            WorldwideGrossUsd = worldwide,
            ProductionBudgetUsd = budget,
            ReturnOnBudget = worldwide is { } w && budget is > 0 ? Math.Round((double)(w - budget.Value) / budget.Value, Digits) : null,
            OmdbBoxOfficeUsd = movie.BoxOfficeUsd,
            SourceImdbRating = movie.SourceImdbRating,
            SourceImdbVotes = movie.SourceImdbVotes,
            SourceRottenTomatoesPercent = movie.SourceRottenTomatoesPercent,
            SourceGenre = movie.SourceGenre,
            Distributor = movie.SourceDistributor,
            MovieKey = movie.MovieKey,
            LastRunId = movie.RunId,
            LastRefreshedAt = refreshedAt.UtcDateTime,
        };
    }

    /// <summary>The current state with a run's films upserted by imdbID: films not in the run stay; a film
    /// is replaced unless the current row comes from a later run (re-promoting an old run never undoes a newer one).
    /// Ordered by imdbID.</summary>
    public static List<MoviesUnifiedRow> Upsert(IEnumerable<MoviesUnifiedRow> current, IEnumerable<MoviesUnifiedRow> incoming)
    {
        // Parquet gives times back without a kind; they were written as UTC.
        var byId = current.Select(r => r with { LastRefreshedAt = DateTime.SpecifyKind(r.LastRefreshedAt, DateTimeKind.Utc) }).ToDictionary(r => r.ImdbId, StringComparer.Ordinal);
        foreach (var row in incoming)
        {
            if (!byId.TryGetValue(row.ImdbId, out var existing) || existing.LastRefreshedAt <= row.LastRefreshedAt)
            {
                byId[row.ImdbId] = row;
            }
        }

        return [.. byId.Values.OrderBy(r => r.ImdbId, StringComparer.Ordinal)];
    }

    public static List<GenreSummaryRow> Genres(IReadOnlyCollection<MoviesUnifiedRow> movies)
        => [.. Group(movies, m => Split(m.Genres)).Select(g => new GenreSummaryRow
        {
            Genre = g.Key,
            Films = g.Films.Count,
            MeanImdbRating = Mean(g.Films, m => m.ImdbRating),
            MeanRottenTomatoesPercent = Mean(g.Films, m => m.RottenTomatoesPercent),
            MeanMetascore = Mean(g.Films, m => m.Metascore),
            TotalWorldwideGrossUsd = g.Films.Sum(m => m.WorldwideGrossUsd ?? 0),
            MedianWorldwideGrossUsd = Median(g.Films, m => m.WorldwideGrossUsd),
        })];

    public static List<DecadeSummaryRow> Decades(IReadOnlyCollection<MoviesUnifiedRow> movies)
        => [.. Group(movies, m => m.Decade is { } d ? [d.ToString("D4", CultureInfo.InvariantCulture)] : []).Select(g => new DecadeSummaryRow
        {
            Decade = int.Parse(g.Key, CultureInfo.InvariantCulture),
            Films = g.Films.Count,
            MeanImdbRating = Mean(g.Films, m => m.ImdbRating),
            MeanRottenTomatoesPercent = Mean(g.Films, m => m.RottenTomatoesPercent),
            MeanMetascore = Mean(g.Films, m => m.Metascore),
            TotalWorldwideGrossUsd = g.Films.Sum(m => m.WorldwideGrossUsd ?? 0),
            MedianWorldwideGrossUsd = Median(g.Films, m => m.WorldwideGrossUsd),
        })];

    public static List<DirectorSummaryRow> Directors(IReadOnlyCollection<MoviesUnifiedRow> movies)
        => [.. Group(movies, m => Split(m.Directors)).Select(g => new DirectorSummaryRow
        {
            Director = g.Key,
            Films = g.Films.Count,
            MeanImdbRating = Mean(g.Films, m => m.ImdbRating),
            MeanRottenTomatoesPercent = Mean(g.Films, m => m.RottenTomatoesPercent),
            MeanMetascore = Mean(g.Films, m => m.Metascore),
            TotalWorldwideGrossUsd = g.Films.Sum(m => m.WorldwideGrossUsd ?? 0),
            MedianWorldwideGrossUsd = Median(g.Films, m => m.WorldwideGrossUsd),
        })];

    /// <summary>The run's row: its bronze counts, rejects by reason, null rates of key silver columns, and
    /// its status: failed when bronze stopped early, when rejects exceed the threshold share of the bronze
    /// records, or when failed lookups plus missing_bronze rejects exceed it of the selected movies that were not
    /// deferred (a deferred movie was never asked for: the day's quota ran out, and the next run takes it first);
    /// otherwise partial when movies were deferred, else succeeded.</summary>
    public static RunQualityRow Quality(SilverManifest manifest, IReadOnlyCollection<SilverMovie> rows, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        int Rejected(string reason) => manifest.RejectsByReason.GetValueOrDefault(reason);
        double? NullRate(Func<SilverMovie, bool> isNull) => rows.Count == 0 ? null : Math.Round((double)rows.Count(isNull) / rows.Count, Digits);

        var rate = manifest.BronzeRecords == 0 ? 0 : Math.Round(100.0 * manifest.Rejects / manifest.BronzeRecords, 2);
        var reasons = new List<string>();
        if (manifest.FatalReason is { } fatal)
        {
            reasons.Add($"bronze stopped early: {fatal}");
        }

        if (rate > thresholdPercent)
        {
            var top = manifest.RejectsByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).First();
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{manifest.Rejects} of {manifest.BronzeRecords} records rejected ({rate}%), above the {thresholdPercent}% threshold; most often {top.Key} ({top.Value})"));
        }

        // Movies selected but never fetched count too: a run whose lookups all failed has nothing to reject.
        var failed = manifest.Bronze.Failed;
        var missing = Rejected(RejectReasons.MissingBronze);
        var deferred = manifest.Bronze.Deferred;
        var asked = manifest.Bronze.Total - deferred;
        var lostRate = asked == 0 ? 0 : Math.Round(100.0 * (failed + missing) / asked, 2);
        if (lostRate > thresholdPercent)
        {
            var which = deferred == 0 ? "selected movies" : string.Create(CultureInfo.InvariantCulture, $"selected movies not deferred ({deferred} deferred)");
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{failed + missing} of {asked} {which} not fetched ({lostRate}%: {failed} failed lookups, {missing} missing bronze), above the {thresholdPercent}% threshold"));
        }

        return new RunQualityRow
        {
            RunId = manifest.RunId,
            RunDate = manifest.RunDate,
            StartedAt = manifest.StartedAt.UtcDateTime,
            Status = reasons.Count > 0 ? RunStatuses.Failed : RunStatuses.Of(null, deferred),
            FailureReason = reasons.Count == 0 ? null : string.Join("; ", reasons),
            Selected = manifest.Bronze.Total,
            Fetched = manifest.Bronze.Fetched,
            NotFound = manifest.Bronze.NotFound,
            Failed = manifest.Bronze.Failed,
            Skipped = manifest.Bronze.Skipped,
            SilverRows = manifest.Rows,
            Rejected = manifest.Rejects,
            RejectRatePercent = rate,
            RejectThresholdPercent = thresholdPercent,
            RejectedMissingBronze = Rejected(RejectReasons.MissingBronze),
            RejectedUnparsableJson = Rejected(RejectReasons.UnparsableJson),
            RejectedNotAMovieAnswer = Rejected(RejectReasons.NotAMovieAnswer),
            RejectedMissingImdbId = Rejected(RejectReasons.MissingImdbId),
            RejectedMissingTitle = Rejected(RejectReasons.MissingTitle),
            RejectedUnparsableValue = Rejected(RejectReasons.UnparsableValue),
            RejectedYearOutOfRange = Rejected(RejectReasons.YearOutOfRange),
            RejectedRatingOutOfRange = Rejected(RejectReasons.RatingOutOfRange),
            RejectedNegativeMoney = Rejected(RejectReasons.NegativeMoney),
            RejectedDuplicateImdbId = Rejected(RejectReasons.DuplicateImdbId),
            NullRateYear = NullRate(m => m.Year is null),
            NullRateReleased = NullRate(m => m.Released is null),
            NullRateRuntime = NullRate(m => m.RuntimeMinutes is null),
            NullRateGenres = NullRate(m => m.Genres.Count == 0),
            NullRateImdbRating = NullRate(m => m.ImdbRating is null),
            NullRateRottenTomatoes = NullRate(m => m.RottenTomatoesPercent is null),
            NullRateMetascore = NullRate(m => m.Metascore is null),
            NullRateWorldwideGross = NullRate(m => m.SourceWorldwideGrossUsd is null),
            NullRateBudget = NullRate(m => m.SourceProductionBudgetUsd is null),
        };
    }

    /// <summary>Previous runs' rows with this run's row upserted by run id, ordered by run id.</summary>
    public static List<RunQualityRow> Upsert(IEnumerable<RunQualityRow> current, RunQualityRow run)
        => [.. current.Where(r => !string.Equals(r.RunId, run.RunId, StringComparison.Ordinal)).Select(r => r with { StartedAt = DateTime.SpecifyKind(r.StartedAt, DateTimeKind.Utc) }).Append(run).OrderBy(r => r.RunId, StringComparer.Ordinal)];

    public static IReadOnlyList<string> Split(string? list)
        => string.IsNullOrEmpty(list) ? [] : list.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<(string Key, List<MoviesUnifiedRow> Films)> Group(IEnumerable<MoviesUnifiedRow> movies, Func<MoviesUnifiedRow, IEnumerable<string>> keys)
        => movies.SelectMany(m => keys(m).Distinct(StringComparer.Ordinal).Select(k => (Key: k, Movie: m)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.Movie).ToList()));

    private static double? Mean<T>(List<MoviesUnifiedRow> films, Func<MoviesUnifiedRow, T?> value)
        where T : struct, IConvertible
    {
        var values = films.Select(value).Where(v => v.HasValue).Select(v => v!.Value.ToDouble(CultureInfo.InvariantCulture)).ToList();
        return values.Count == 0 ? null : Math.Round(values.Sum() / values.Count, Digits);
    }

    private static double? Median(List<MoviesUnifiedRow> films, Func<MoviesUnifiedRow, long?> value)
    {
        var values = films.Select(value).Where(v => v.HasValue).Select(v => v!.Value).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }
}
