using System.Globalization;
using System.Text.Json;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Tests.Report;

/// <summary>The report's film figures added up a film at a time must be what sorting and grouping all the rows gave
/// (the page stays byte-identical), whether the films come as rows or as silver's columns.</summary>
public sealed class SilverTallyTests
{
    [Fact]
    public void Of_RowsWithTies_SameTopFilmsGenresAndDecadesAsSortingThemAll()
    {
        var rows = Rows(3_000, seed: 4);

        var tally = SilverTally.Of(rows);

        Assert.Equal(Json(ReferenceTopFilms(rows)), Json(tally.TopFilms()));
        Assert.Equal(Json(ReferenceGenres(rows)), Json(tally.Genres()));
        Assert.Equal(Json(ReferenceDecades(rows)), Json(tally.Decades()));
    }

    [Fact]
    public async Task Of_Columns_SameAsTheRows()
    {
        var rows = Rows(5_000, seed: 9);
        var columns = await ParquetColumns.ReadAsync(await ParquetTable.WriteAsync(rows), RunReportBuilder.SilverColumns);

        var (fromRows, fromColumns) = (SilverTally.Of(rows), SilverTally.Of(columns));

        Assert.Equal(Json(fromRows.TopFilms()), Json(fromColumns.TopFilms()));
        Assert.Equal(Json(fromRows.Genres()), Json(fromColumns.Genres()));
        Assert.Equal(Json(fromRows.Decades()), Json(fromColumns.Decades()));
    }

    [Fact]
    public void Of_NoFilms_NothingShown()
    {
        var tally = SilverTally.Of([]);

        Assert.Equal((0, 0, 0), (tally.TopFilms().Count, tally.Genres().Count, tally.Decades().Count));
    }

    // Few distinct ratings, votes and titles, so the tie-breaks decide; some films share all four sort keys.
    private static List<SilverMovie> Rows(int count, int seed)
    {
        var random = new Random(seed);
        string[] genres = ["Drama", "Crime", "Comedy", "Action", "Sci-Fi"];
        return [.. Enumerable.Range(0, count).Select(i => new SilverMovie
        {
            ImdbId = "tt" + random.Next(0, count / 2).ToString("D6", CultureInfo.InvariantCulture),
            MovieKey = "m" + i.ToString(CultureInfo.InvariantCulture),
            Title = "Film " + random.Next(0, 40).ToString(CultureInfo.InvariantCulture),
            Year = random.Next(0, 9) == 0 ? null : random.Next(1920, 2026),
            ImdbRating = random.Next(0, 6) == 0 ? null : 7.5 + random.Next(0, 20) / 10.0,
            ImdbVotes = random.Next(0, 5) == 0 ? null : random.Next(0, 4) * 1000,
            Genres = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => genres[random.Next(genres.Length)])],
        })];
    }

    // What RunReportBuilder did before the tally: sort and group all the rows.
    private static List<ReportFilm> ReferenceTopFilms(IEnumerable<SilverMovie> rows)
        => [.. rows
            .OrderByDescending(m => m.ImdbRating ?? double.MinValue)
            .ThenByDescending(m => m.ImdbVotes ?? long.MinValue)
            .ThenBy(m => m.Title, StringComparer.Ordinal)
            .ThenBy(m => m.ImdbId, StringComparer.Ordinal)
            .Take(RunReportBuilder.TopFilmCount)
            .Select(m => new ReportFilm(m.Title, m.Year, m.ImdbRating, m.ImdbVotes, m.Genres))];

    private static List<ReportCount> ReferenceGenres(IEnumerable<SilverMovie> rows)
        => [.. rows
            .SelectMany(m => m.Genres.Distinct(StringComparer.Ordinal))
            .GroupBy(g => g, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReportCount(g.Key, g.Count()))];

    private static List<ReportCount> ReferenceDecades(IEnumerable<SilverMovie> rows)
        => [.. rows
            .GroupBy(m => m.Year is { } year ? year / 10 * 10 : (int?)null)
            .OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g => new ReportCount(g.Key is { } decade ? decade.ToString(CultureInfo.InvariantCulture) + "s" : "unknown", g.Count()))];

    private static string Json<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values.ToList());
}
