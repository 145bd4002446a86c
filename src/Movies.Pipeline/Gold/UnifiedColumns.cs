using System.Buffers;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Gold;

/// <summary>A run's <c>movies_unified</c> rows made straight from its silver columns: exactly what
/// <see cref="GoldTables.Unify"/> makes of each silver row, but without the silver row object, its four lists and a
/// string per repeated value. Joined genre and director lists repeat too (a few hundred distinct of 100,000 films), so
/// each distinct joined text is one string. In the run's row order (<see cref="GoldTables.UnifyAll(ParquetColumns, DateTimeOffset)"/>
/// orders them).</summary>
internal sealed class UnifiedColumns
{
    private const int Digits = 4;

    // Below this many films, one thread makes them all.
    private const int ParallelRows = 8_192;

    private readonly string?[]? _imdbId;
    private readonly string?[]? _movieKey;
    private readonly string?[]? _title;
    private readonly int?[]? _year;
    private readonly DateOnly?[]? _released;
    private readonly int?[]? _runtime;
    private readonly string?[]? _rated;
    private readonly TextList? _genres;
    private readonly TextList? _directors;
    private readonly string?[]? _language;
    private readonly string?[]? _country;
    private readonly double?[]? _imdbRating;
    private readonly long?[]? _imdbVotes;
    private readonly int?[]? _metascore;
    private readonly int?[]? _rottenTomatoes;
    private readonly long?[]? _boxOffice;
    private readonly long?[]? _usGross;
    private readonly long?[]? _worldwideGross;
    private readonly long?[]? _budgets;
    private readonly string?[]? _distributor;
    private readonly string?[]? _sourceGenre;
    private readonly string?[]? _sourceDirector;
    private readonly int?[]? _sourceRottenTomatoes;
    private readonly double?[]? _sourceImdbRating;
    private readonly long?[]? _sourceImdbVotes;
    private readonly string?[]? _runId;

    private UnifiedColumns(ParquetColumns silver)
    {
        _imdbId = silver.Text("imdb_id");
        _movieKey = silver.Text("movie_key");
        _title = silver.Text("title");
        _year = silver.Values<int>("year");
        _released = silver.Values<DateOnly>("released");
        _runtime = silver.Values<int>("runtime_minutes");
        _rated = silver.Text("rated");
        _genres = silver.TextList("genres");
        _directors = silver.TextList("directors");
        _language = silver.Text("language");
        _country = silver.Text("country");
        _imdbRating = silver.Values<double>("imdb_rating");
        _imdbVotes = silver.Values<long>("imdb_votes");
        _metascore = silver.Values<int>("metascore");
        _rottenTomatoes = silver.Values<int>("rotten_tomatoes_percent");
        _boxOffice = silver.Values<long>("box_office_usd");
        _usGross = silver.Values<long>("source_us_gross_usd");
        _worldwideGross = silver.Values<long>("source_worldwide_gross_usd");
        _budgets = silver.Values<long>("source_production_budget_usd");
        _distributor = silver.Text("source_distributor");
        _sourceGenre = silver.Text("source_genre");
        _sourceDirector = silver.Text("source_director");
        _sourceRottenTomatoes = silver.Values<int>("source_rotten_tomatoes_percent");
        _sourceImdbRating = silver.Values<double>("source_imdb_rating");
        _sourceImdbVotes = silver.Values<long>("source_imdb_votes");
        _runId = silver.Text("run_id");
    }

    /// <summary>The unified rows, in the run's row order; made in two halves at once on a large run (each half joins
    /// its own lists, so the halves share nothing but the columns they read).</summary>
    public static MoviesUnifiedRow[] Unify(ParquetColumns silver, DateTimeOffset refreshedAt)
    {
        ArgumentNullException.ThrowIfNull(silver);
        var columns = new UnifiedColumns(silver);
        var rows = new MoviesUnifiedRow[silver.RowCount];
        var at = refreshedAt.UtcDateTime;
        var parts = rows.Length < ParallelRows ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        var size = (rows.Length + parts - 1) / Math.Max(parts, 1);
        Parallel.For(0, parts, part => columns.Make(rows, part * size, Math.Min(rows.Length, (part + 1) * size), at));
        return rows;
    }

    private void Make(MoviesUnifiedRow[] rows, int from, int to, DateTime at)
    {
        var joined = new JoinedText();
        var sourceDirectors = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = from; i < to; i++)
        {
            var worldwide = _worldwideGross?[i];
            var budget = _budgets?[i];
            var omdbBoxOffice = _boxOffice?[i];
            var theirGenre = _sourceGenre?[i];
            var theirRating = _sourceImdbRating?[i];
            var theirVotes = _sourceImdbVotes?[i];
            var theirRottenTomatoes = _sourceRottenTomatoes?[i];
            var year = _year?[i];
            rows[i] = new MoviesUnifiedRow
            {
                ImdbId = _imdbId is null ? string.Empty : _imdbId[i]!,
                Title = _title is null ? string.Empty : _title[i]!,
                Year = year,
                Decade = year / 10 * 10,
                Released = _released?[i],
                RuntimeMinutes = _runtime?[i],
                Rated = _rated?[i],
                Genres = _genres is not null && _genres.Count(i) > 0 ? joined.Join(_genres.Of(i)) : theirGenre,
                Directors = _directors is not null && _directors.Count(i) > 0 ? joined.Join(_directors.Of(i)) : FromSource(_sourceDirector?[i], sourceDirectors),
                Language = _language?[i],
                Country = _country?[i],
                ImdbRating = _imdbRating?[i] ?? theirRating,
                ImdbVotes = _imdbVotes?[i] ?? theirVotes,
                RottenTomatoesPercent = _rottenTomatoes?[i] ?? theirRottenTomatoes,
                Metascore = _metascore?[i],
                DomesticGrossUsd = _usGross?[i] ?? omdbBoxOffice,
                WorldwideGrossUsd = worldwide,
                ProductionBudgetUsd = budget,
                ReturnOnBudget = worldwide is { } w && budget is > 0 ? Math.Round((double)(w - budget.Value) / budget.Value, Digits) : null,
                OmdbBoxOfficeUsd = omdbBoxOffice,
                SourceImdbRating = theirRating,
                SourceImdbVotes = theirVotes,
                SourceRottenTomatoesPercent = theirRottenTomatoes,
                SourceGenre = theirGenre,
                Distributor = _distributor?[i],
                MovieKey = _movieKey is null ? string.Empty : _movieKey[i]!,
                LastRunId = _runId is null ? string.Empty : _runId[i]!,
                LastRefreshedAt = at,
            };
        }
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
