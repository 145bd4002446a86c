using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>The current films a merge keeps are read as rows, the others not; the merge of what is read must be the
/// merge of the whole table.</summary>
public sealed class CurrentFilmsTests
{
    private static readonly DateTime Day1 = new(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day2 = Day1.AddDays(1);

    [Fact]
    public async Task ReadKeptAsync_RunHasEveryFilm_ReadsNone()
    {
        var current = Films(Day1, "tt1", "tt2", "tt3");

        var kept = await CurrentFilms.ReadKeptAsync(await ParquetTable.WriteAsync(current), Films(Day2, "tt1", "tt2", "tt3"));

        Assert.Empty(kept);
    }

    [Fact]
    public async Task ReadKeptAsync_FilmsNotInTheRunOrNewerThanIt_KeptWholeAndTheMergeIsTheSame()
    {
        // tt1 and tt4 are not in the run; tt3 was refreshed by a later run than this one (an older run promoted again).
        var current = Films(Day1, "tt1", "tt2", "tt4");
        current.Insert(2, Film("tt3", Day2.AddDays(1)));
        var incoming = Films(Day2, "tt2", "tt3", "tt5");

        var kept = await CurrentFilms.ReadKeptAsync(await ParquetTable.WriteAsync(current), incoming);

        Assert.Equal(["tt1", "tt3", "tt4"], kept.Select(f => f.ImdbId));
        Assert.Equal(Json(current.Where(f => f.ImdbId is "tt1" or "tt3" or "tt4")), Json(kept));
        var whole = GoldTables.Merge(current, incoming);
        var fromKept = GoldTables.Merge(kept, incoming);
        Assert.Equal(Json(whole.Rows), Json(fromKept.Rows));
        Assert.Equal(Json(whole.Refreshed), Json(fromKept.Refreshed));
    }

    [Fact]
    public async Task ReadKeptAsync_SameRefreshTime_TheRunsRowReplacesIt()
    {
        // A run promoted again: its rows replace its own, as the merge does for a row not newer than the run's.
        var kept = await CurrentFilms.ReadKeptAsync(await ParquetTable.WriteAsync(Films(Day1, "tt1", "tt2")), Films(Day1, "tt2"));

        Assert.Equal(["tt1"], kept.Select(f => f.ImdbId));
    }

    [Fact]
    public async Task ReadKeptAsync_TableNotOrderedByImdbId_ReadWhole()
    {
        var current = Films(Day1, "tt2", "tt1");

        var kept = await CurrentFilms.ReadKeptAsync(await ParquetTable.WriteAsync(current), Films(Day2, "tt1", "tt2"));

        Assert.Equal(Json(current), Json(kept));
    }

    [Fact]
    public async Task ReadKeptAsync_NoTable_None()
        => Assert.Empty(await CurrentFilms.ReadKeptAsync(null, Films(Day1, "tt1")));

    private static List<MoviesUnifiedRow> Films(DateTime refreshedAt, params string[] ids) => [.. ids.Select(id => Film(id, refreshedAt))];

    private static MoviesUnifiedRow Film(string imdbId, DateTime refreshedAt) => new()
    {
        ImdbId = imdbId,
        Title = "Film " + imdbId,
        Year = 2000,
        Decade = 2000,
        Genres = "Drama",
        ImdbRating = 7.5,
        ImdbVotes = 1000,
        MovieKey = "key-" + imdbId,
        LastRunId = refreshedAt.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-a",
        LastRefreshedAt = refreshedAt,
    };

    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows.ToList());
}
