using System.Globalization;
using Movies.Pipeline.Lake;
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

    /// <summary>The silver columns gold reads (<see cref="Unify"/> and <see cref="Quality(SilverManifest, SilverNullCounts, double)"/>): a run's silver is read
    /// with just these (no writers, actors, awards, source title or bronze blob).</summary>
    public static IReadOnlyList<string> SilverColumns { get; } =
    [
        "imdb_id", "movie_key", "title", "year", "released", "runtime_minutes", "rated", "genres", "directors", "language", "country",
        "imdb_rating", "imdb_votes", "metascore", "rotten_tomatoes_percent", "box_office_usd", "source_us_gross_usd", "source_worldwide_gross_usd",
        "source_production_budget_usd", "source_distributor", "source_genre", "source_director", "source_rotten_tomatoes_percent",
        "source_imdb_rating", "source_imdb_votes", "run_id",
    ];

    /// <summary>A run's films as <c>movies_unified</c> rows, ordered by imdbID (one per imdbID: the last of the run's
    /// rows wins, as an upsert of them one by one would). This is the step that makes the unified rows before anything
    /// is merged, aggregated or written: a column from another source joins here.</summary>
    public static MoviesUnifiedRow[] UnifyAll(IReadOnlyList<SilverMovie> silver, DateTimeOffset refreshedAt)
    {
        ArgumentNullException.ThrowIfNull(silver);
        var rows = new MoviesUnifiedRow[silver.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Unify(silver[i], refreshedAt);
        }

        return Distinct(rows);
    }

    /// <summary><see cref="UnifyAll(IReadOnlyList{SilverMovie}, DateTimeOffset)"/> from silver read as columns
    /// (<see cref="SilverColumns"/>, <see cref="ParquetColumns"/>): the same rows, without a silver row object, list or
    /// repeated string per film (<see cref="UnifiedColumns"/>).</summary>
    public static MoviesUnifiedRow[] UnifyAll(ParquetColumns silver, DateTimeOffset refreshedAt)
        => Distinct(UnifiedColumns.Unify(silver, refreshedAt));

    /// <summary>The current state with a run's films upserted by imdbID: films not in the run stay; a film
    /// is replaced unless the current row comes from a later run (re-promoting an old run never undoes a newer one).
    /// Ordered by imdbID.</summary>
    public static List<MoviesUnifiedRow> Upsert(IEnumerable<MoviesUnifiedRow> current, IEnumerable<MoviesUnifiedRow> incoming)
        => Merge([.. current], Distinct([.. incoming])).Rows;

    /// <summary><see cref="Upsert(IEnumerable{MoviesUnifiedRow}, IEnumerable{MoviesUnifiedRow})"/> as one merge of two imdbID-ordered lists (each sorted here if it is not), which
    /// also says which of the run's films were refreshed (replaced or added; <see cref="MovieHistory"/> versions
    /// those). <paramref name="incoming"/> must hold one row per imdbID (<see cref="UnifyAll(ParquetColumns, DateTimeOffset)"/> gives that).</summary>
    public static UnifiedMerge Merge(IReadOnlyList<MoviesUnifiedRow> current, IReadOnlyList<MoviesUnifiedRow> incoming)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);
        current = ById(current);
        incoming = ById(incoming);
        var rows = new List<MoviesUnifiedRow>(current.Count + incoming.Count);
        var refreshed = new List<MoviesUnifiedRow>(incoming.Count);
        var (c, i) = (0, 0);
        while (c < current.Count || i < incoming.Count)
        {
            var order = c == current.Count ? 1 : i == incoming.Count ? -1 : string.CompareOrdinal(current[c].ImdbId, incoming[i].ImdbId);
            if (order < 0)
            {
                rows.Add(current[c++]);
                continue;
            }

            var row = incoming[i++];
            var existing = order == 0 ? current[c++] : null;
            if (existing is null || existing.LastRefreshedAt <= row.LastRefreshedAt)
            {
                rows.Add(row);
                refreshed.Add(row);
            }
            else
            {
                rows.Add(existing);
            }
        }

        return new UnifiedMerge(rows, refreshed);
    }

    /// <summary>Adds the three summaries of <paramref name="films"/> to <paramref name="changes"/>, made in one pass
    /// (<see cref="Summaries"/>), not one pass per table.</summary>
    public static GoldChanges AddSummaries(GoldChanges changes, IReadOnlyList<MoviesUnifiedRow> films)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var summaries = Summaries(films);
        return changes.AddTable(GoldPaths.GenreSummary, summaries.Genres)
            .AddTable(GoldPaths.DecadeSummary, summaries.Decades)
            .AddTable(GoldPaths.DirectorSummary, summaries.Directors);
    }

    /// <summary>The three summaries of <paramref name="movies"/> in one pass over them.</summary>
    public static GoldSummaries Summaries(IReadOnlyList<MoviesUnifiedRow> movies)
    {
        ArgumentNullException.ThrowIfNull(movies);
        var genres = new NameGroups();
        var directors = new NameGroups();
        var decades = new Dictionary<int, SummaryAggregate>();
        foreach (var movie in movies)
        {
            foreach (var genre in genres.Of(movie.Genres))
            {
                genre.Add(movie);
            }

            if (movie.Decade is { } decade)
            {
                if (!decades.TryGetValue(decade, out var group))
                {
                    decades[decade] = group = new SummaryAggregate();
                }

                group.Add(movie);
            }

            foreach (var director in directors.Of(movie.Directors))
            {
                director.Add(movie);
            }
        }

        return new GoldSummaries(
            [.. genres.Ordered().Select(g => g.Summary.ToGenre(g.Name))],
            // Ordered as the decade's four-digit text, as it always was.
            [.. decades.OrderBy(d => d.Key.ToString("D4", CultureInfo.InvariantCulture), StringComparer.Ordinal).Select(d => d.Value.ToDecade(d.Key))],
            [.. directors.Ordered().Select(g => g.Summary.ToDirector(g.Name))]);
    }

    public static List<GenreSummaryRow> Genres(IReadOnlyCollection<MoviesUnifiedRow> movies) => Summaries([.. movies]).Genres;

    public static List<DecadeSummaryRow> Decades(IReadOnlyCollection<MoviesUnifiedRow> movies) => Summaries([.. movies]).Decades;

    public static List<DirectorSummaryRow> Directors(IReadOnlyCollection<MoviesUnifiedRow> movies) => Summaries([.. movies]).Directors;

    /// <summary>The run's row: its bronze counts, rejects by reason, null rates of key silver columns, and
    /// its status: failed when bronze stopped early, when rejects exceed the threshold share of the bronze
    /// records, or when failed lookups plus missing_bronze rejects exceed it of the selected movies that were not
    /// deferred (a deferred movie was never asked for: the day's quota ran out, and the next run takes it first);
    /// otherwise partial when movies were deferred, else succeeded.</summary>
    public static RunQualityRow Quality(SilverManifest manifest, IReadOnlyCollection<SilverMovie> rows, double thresholdPercent)
        => Quality(manifest, SilverNullCounts.Of(rows), thresholdPercent);

    /// <summary><see cref="Quality(SilverManifest, IReadOnlyCollection{SilverMovie}, double)"/> from the rows' null counts.</summary>
    public static RunQualityRow Quality(SilverManifest manifest, SilverNullCounts nulls, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(nulls);
        int Rejected(string reason) => manifest.RejectsByReason.GetValueOrDefault(reason);
        double? NullRate(int count) => nulls.Rows == 0 ? null : Math.Round((double)count / nulls.Rows, Digits);

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
            NullRateYear = NullRate(nulls.Year),
            NullRateReleased = NullRate(nulls.Released),
            NullRateRuntime = NullRate(nulls.Runtime),
            NullRateGenres = NullRate(nulls.Genres),
            NullRateImdbRating = NullRate(nulls.ImdbRating),
            NullRateRottenTomatoes = NullRate(nulls.RottenTomatoes),
            NullRateMetascore = NullRate(nulls.Metascore),
            NullRateWorldwideGross = NullRate(nulls.WorldwideGross),
            NullRateBudget = NullRate(nulls.Budget),
        };
    }

    /// <summary>Previous runs' rows with this run's row upserted by run id, ordered by run id.</summary>
    public static List<RunQualityRow> Upsert(IEnumerable<RunQualityRow> current, RunQualityRow run)
        => [.. current.Where(r => !string.Equals(r.RunId, run.RunId, StringComparison.Ordinal)).Select(r => r with { StartedAt = DateTime.SpecifyKind(r.StartedAt, DateTimeKind.Utc) }).Append(run).OrderBy(r => r.RunId, StringComparer.Ordinal)];

    public static IReadOnlyList<string> Split(string? list)
        => string.IsNullOrEmpty(list) ? [] : list.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<MoviesUnifiedRow> ById(IReadOnlyList<MoviesUnifiedRow> rows)
        => IsStrictlyOrdered(rows) ? rows : Distinct([.. rows]);

    private static bool IsStrictlyOrdered(IReadOnlyList<MoviesUnifiedRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (string.CompareOrdinal(rows[i - 1].ImdbId, rows[i].ImdbId) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    // Ordered by imdbID, one row per imdbID: of equal ids the last one (a stable sort keeps their order).
    private static MoviesUnifiedRow[] Distinct(MoviesUnifiedRow[] rows)
    {
        if (IsStrictlyOrdered(rows))
        {
            // Silver is usually written in imdbID order already: nothing to sort or drop.
            return rows;
        }

        var sorted = rows.Index().OrderBy(r => r.Item.ImdbId, StringComparer.Ordinal).ThenBy(r => r.Index).Select(r => r.Item).ToList();
        var distinct = new List<MoviesUnifiedRow>(sorted.Count);
        foreach (var row in sorted)
        {
            if (distinct.Count > 0 && string.Equals(distinct[^1].ImdbId, row.ImdbId, StringComparison.Ordinal))
            {
                distinct[^1] = row;
            }
            else
            {
                distinct.Add(row);
            }
        }

        return [.. distinct];
    }
}
