using Movies.Pipeline.Gold;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Tests.Gold;

public sealed class GoldTablesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Genres_FilmWithSeveralGenres_CountsInEach()
    {
        MoviesUnifiedRow[] movies =
        [
            Row("tt1", "Action, Drama", 8.0, 100),
            Row("tt2", "Drama", 6.0, 300),
            Row("tt3", "Drama", null, null),
        ];

        var genres = GoldTables.Genres(movies);

        Assert.Equal(["Action", "Drama"], genres.Select(g => g.Genre));
        Assert.Equal(1, genres[0].Films);
        Assert.Equal(3, genres[1].Films);
        Assert.Equal(7.0, genres[1].MeanImdbRating);
        Assert.Equal(400, genres[1].TotalWorldwideGrossUsd);
        Assert.Equal(200.0, genres[1].MedianWorldwideGrossUsd);
    }

    [Fact]
    public void Unify_NoOmdbGenre_FallsBackToSourceGenre()
    {
        var row = GoldTables.Unify(new SilverMovie { ImdbId = "tt1", Title = "T", Year = 1999, SourceGenre = "Comedy", SourceWorldwideGrossUsd = 30, SourceProductionBudgetUsd = 10 }, At);

        Assert.Equal("Comedy", row.Genres);
        Assert.Equal(1990, row.Decade);
        Assert.Equal(2.0, row.ReturnOnBudget);
        Assert.Equal(DateTimeKind.Utc, row.LastRefreshedAt.Kind);
    }

    [Fact]
    public void Upsert_OlderRunAgain_KeepsNewerRow()
    {
        var newer = Row("tt1", "Drama", 9.0, null) with { LastRefreshedAt = At.UtcDateTime.AddDays(1) };
        var older = Row("tt1", "Drama", 5.0, null);

        Assert.Equal(9.0, Assert.Single(GoldTables.Upsert([newer], [older])).ImdbRating);
    }

    private static MoviesUnifiedRow Row(string id, string genres, double? rating, long? gross)
        => new() { ImdbId = id, Title = id, Genres = genres, ImdbRating = rating, WorldwideGrossUsd = gross, LastRefreshedAt = At.UtcDateTime };
}
