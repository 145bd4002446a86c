using System.Buffers;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Gold;

/// <summary>A run's <c>movies_unified</c> rows made straight from its silver columns: exactly what
/// <see cref="GoldTables.Unify"/> makes of each silver row, but without the silver row object, its four lists and a
/// string per repeated value. Joined genre and director lists repeat too (a few hundred distinct of 100,000 films), so
/// each distinct joined text is one string. In the run's row order (<see cref="GoldTables.UnifyAll(ParquetColumns, DateTimeOffset)"/>
/// orders them).</summary>
internal static class UnifiedColumns
{
    private const int Digits = 4;

    public static MoviesUnifiedRow[] Unify(ParquetColumns silver, DateTimeOffset refreshedAt)
    {
        ArgumentNullException.ThrowIfNull(silver);
        var count = silver.RowCount;
        var imdbId = silver.Text("imdb_id");
        var movieKey = silver.Text("movie_key");
        var title = silver.Text("title");
        var year = silver.Values<int>("year");
        var released = silver.Values<DateOnly>("released");
        var runtime = silver.Values<int>("runtime_minutes");
        var rated = silver.Text("rated");
        var genres = silver.TextList("genres");
        var directors = silver.TextList("directors");
        var language = silver.Text("language");
        var country = silver.Text("country");
        var imdbRating = silver.Values<double>("imdb_rating");
        var imdbVotes = silver.Values<long>("imdb_votes");
        var metascore = silver.Values<int>("metascore");
        var rottenTomatoes = silver.Values<int>("rotten_tomatoes_percent");
        var boxOffice = silver.Values<long>("box_office_usd");
        var usGross = silver.Values<long>("source_us_gross_usd");
        var worldwideGross = silver.Values<long>("source_worldwide_gross_usd");
        var budgets = silver.Values<long>("source_production_budget_usd");
        var distributor = silver.Text("source_distributor");
        var sourceGenre = silver.Text("source_genre");
        var sourceDirector = silver.Text("source_director");
        var sourceRottenTomatoes = silver.Values<int>("source_rotten_tomatoes_percent");
        var sourceImdbRating = silver.Values<double>("source_imdb_rating");
        var sourceImdbVotes = silver.Values<long>("source_imdb_votes");
        var runId = silver.Text("run_id");

        var joined = new JoinedText();
        var sourceDirectors = new Dictionary<string, string?>(StringComparer.Ordinal);
        var at = refreshedAt.UtcDateTime;
        var rows = new MoviesUnifiedRow[count];
        for (var i = 0; i < count; i++)
        {
            var worldwide = worldwideGross?[i];
            var budget = budgets?[i];
            var omdbRating = imdbRating?[i];
            var omdbVotes = imdbVotes?[i];
            var omdbRottenTomatoes = rottenTomatoes?[i];
            var omdbBoxOffice = boxOffice?[i];
            var theirGenre = sourceGenre?[i];
            var theirRating = sourceImdbRating?[i];
            var theirVotes = sourceImdbVotes?[i];
            var theirRottenTomatoes = sourceRottenTomatoes?[i];
            var filmYear = year?[i];
            rows[i] = new MoviesUnifiedRow
            {
                ImdbId = imdbId is null ? string.Empty : imdbId[i]!,
                Title = title is null ? string.Empty : title[i]!,
                Year = filmYear,
                Decade = filmYear / 10 * 10,
                Released = released?[i],
                RuntimeMinutes = runtime?[i],
                Rated = rated?[i],
                Genres = genres is not null && genres.Count(i) > 0 ? joined.Join(genres.Of(i)) : theirGenre,
                Directors = directors is not null && directors.Count(i) > 0 ? joined.Join(directors.Of(i)) : FromSource(sourceDirector?[i], sourceDirectors),
                Language = language?[i],
                Country = country?[i],
                ImdbRating = omdbRating ?? theirRating,
                ImdbVotes = omdbVotes ?? theirVotes,
                RottenTomatoesPercent = omdbRottenTomatoes ?? theirRottenTomatoes,
                Metascore = metascore?[i],
                DomesticGrossUsd = usGross?[i] ?? omdbBoxOffice,
                WorldwideGrossUsd = worldwide,
                ProductionBudgetUsd = budget,
                ReturnOnBudget = worldwide is { } w && budget is > 0 ? Math.Round((double)(w - budget.Value) / budget.Value, Digits) : null,
                OmdbBoxOfficeUsd = omdbBoxOffice,
                SourceImdbRating = theirRating,
                SourceImdbVotes = theirVotes,
                SourceRottenTomatoesPercent = theirRottenTomatoes,
                SourceGenre = theirGenre,
                Distributor = distributor?[i],
                MovieKey = movieKey is null ? string.Empty : movieKey[i]!,
                LastRunId = runId is null ? string.Empty : runId[i]!,
                LastRefreshedAt = at,
            };
        }

        return rows;
    }

    // As Unify: the source's director text split as OMDb's lists are, when OMDb named none.
    private static string? FromSource(string? text, Dictionary<string, string?> known)
    {
        if (text is null)
        {
            return null;
        }

        if (!known.TryGetValue(text, out var joined))
        {
            var names = OmdbAnswerParser.ParseList(text);
            known[text] = joined = names.Count > 0 ? string.Join(GoldTables.ListSeparator, names) : null;
        }

        return joined;
    }

    /// <summary>Lists joined by <see cref="GoldTables.ListSeparator"/> as <see cref="string.Join(string, IEnumerable{string})"/>
    /// joins them (a null item is empty), one string per distinct result.</summary>
    private sealed class JoinedText
    {
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
        private readonly ArrayBufferWriter<char> _buffer = new(256);

        public string Join(ReadOnlySpan<string?> items)
        {
            if (items.Length == 1)
            {
                return items[0] ?? string.Empty;
            }

            _buffer.ResetWrittenCount();
            for (var k = 0; k < items.Length; k++)
            {
                if (k > 0)
                {
                    _buffer.Write(GoldTables.ListSeparator.AsSpan());
                }

                _buffer.Write(items[k].AsSpan());
            }

            var lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(_buffer.WrittenSpan, out var text))
            {
                text = new string(_buffer.WrittenSpan);
                _seen.Add(text, text);
            }

            return text;
        }
    }
}
