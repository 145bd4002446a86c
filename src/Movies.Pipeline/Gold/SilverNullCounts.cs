using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Gold;

/// <summary>How many of a run's silver rows lack each key fact: what <c>run_quality</c>'s null rates are made of
/// (<see cref="GoldTables.Quality(SilverManifest, SilverNullCounts, double)"/>). Genres counts rows with no OMDb genre.</summary>
public sealed record SilverNullCounts(
    int Rows,
    int Year,
    int Released,
    int Runtime,
    int Genres,
    int ImdbRating,
    int RottenTomatoes,
    int Metascore,
    int WorldwideGross,
    int Budget)
{
    public static SilverNullCounts Of(IReadOnlyCollection<SilverMovie> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new(
            rows.Count,
            rows.Count(m => m.Year is null),
            rows.Count(m => m.Released is null),
            rows.Count(m => m.RuntimeMinutes is null),
            rows.Count(m => m.Genres.Count == 0),
            rows.Count(m => m.ImdbRating is null),
            rows.Count(m => m.RottenTomatoesPercent is null),
            rows.Count(m => m.Metascore is null),
            rows.Count(m => m.SourceWorldwideGrossUsd is null),
            rows.Count(m => m.SourceProductionBudgetUsd is null));
    }

    /// <summary>The counts of silver read as columns (<see cref="ParquetColumns"/>); a column the file lacks is all null.</summary>
    public static SilverNullCounts Of(ParquetColumns silver)
    {
        ArgumentNullException.ThrowIfNull(silver);
        var rows = silver.RowCount;
        int Nulls<TValue>(string column)
            where TValue : struct
            => silver.Values<TValue>(column) is { } values ? values.Count(v => v is null) : rows;
        var genres = silver.TextList("genres");
        var noGenres = rows;
        if (genres is not null)
        {
            noGenres = 0;
            for (var i = 0; i < rows; i++)
            {
                noGenres += genres.Count(i) == 0 ? 1 : 0;
            }
        }

        return new(
            rows,
            Nulls<int>("year"),
            Nulls<DateOnly>("released"),
            Nulls<int>("runtime_minutes"),
            noGenres,
            Nulls<double>("imdb_rating"),
            Nulls<int>("rotten_tomatoes_percent"),
            Nulls<int>("metascore"),
            Nulls<long>("source_worldwide_gross_usd"),
            Nulls<long>("source_production_budget_usd"));
    }
}
