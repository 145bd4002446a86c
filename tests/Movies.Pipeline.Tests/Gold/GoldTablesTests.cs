using Movies.Pipeline.Bronze;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;

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

    [Theory]
    [InlineData(40, 7)]
    [InlineData(9_000, 1_000_000)]
    public async Task UnifyAll_FromColumns_SameRowsAndNullCountsAsFromSilverRows(int count, int rowGroupSize)
    {
        // Random silver (nulls, empty and null list items, repeated and out-of-order ids) plus the fallbacks by hand.
        var silver = RandomRows.Make<SilverMovie>(count, seed: count).Select(m => m with { Genres = m.Genres ?? [], Directors = m.Directors ?? [] }).ToList();
        silver.AddRange(
        [
            new SilverMovie { ImdbId = "tt0000001", Title = "No OMDb lists", SourceGenre = "Comedy", SourceDirector = "A. One, B. Two" },
            new SilverMovie { ImdbId = "tt0000002", Title = "Empty source genre", SourceGenre = string.Empty, SourceDirector = " , " },
            new SilverMovie { ImdbId = "tt0000001", Title = "Same id again, the last wins", Genres = ["Drama", null!, "Drama"], Directors = ["X"] },
        ]);
        var file = await ParquetTable.WriteAsync(silver, rowGroupSize);
        var rows = await ParquetTable.ReadAsync<SilverMovie>(file, GoldTables.SilverColumns);

        var columns = await ParquetColumns.ReadAsync(file, GoldTables.SilverColumns);

        Assert.Equal(GoldTables.UnifyAll(rows, At), GoldTables.UnifyAll(columns, At));
        Assert.Equal(SilverNullCounts.Of(rows), SilverNullCounts.Of(columns));
        Assert.Equal(GoldTables.Quality(Manifest(new OutcomeCounts(count, 0, 0, 0)), rows, 10), GoldTables.Quality(Manifest(new OutcomeCounts(count, 0, 0, 0)), SilverNullCounts.Of(columns), 10));
    }

    [Fact]
    public async Task UnifyAll_FromColumnsOfAnOlderFile_MissingColumnsAsTheRowReaderLeavesThem()
    {
        var file = await ParquetTable.WriteAsync(RandomRows.Make<SilverMovie>(30, seed: 4).Select(m => m with { Genres = m.Genres ?? [], Directors = m.Directors ?? [] }).ToList());
        string[] some = ["imdb_id", "year", "source_genre", "source_director", "imdb_rating"];

        var columns = await ParquetColumns.ReadAsync(file, some);

        Assert.Equal(GoldTables.UnifyAll(await ParquetTable.ReadAsync<SilverMovie>(file, some), At), GoldTables.UnifyAll(columns, At));
    }

    [Fact]
    public void Upsert_OlderRunAgain_KeepsNewerRow()
    {
        var newer = Row("tt1", "Drama", 9.0, null) with { LastRefreshedAt = At.UtcDateTime.AddDays(1) };
        var older = Row("tt1", "Drama", 5.0, null);

        Assert.Equal(9.0, Assert.Single(GoldTables.Upsert([newer], [older])).ImdbRating);
    }

    [Fact]
    public void Quality_EveryLookupFailed_RunFailedWithTheReason()
    {
        var quality = GoldTables.Quality(Manifest(new OutcomeCounts(0, 0, 20, 0)), [], thresholdPercent: 20);

        Assert.Equal("failed", quality.Status);
        Assert.Contains("20 of 20 selected movies not fetched (100%: 20 failed lookups, 0 missing bronze), above the 20% threshold", quality.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0, "succeeded")] // 4 of 20 = 20%: at the threshold
    [InlineData(5, 0, "failed")]
    [InlineData(3, 2, "failed")] // failed lookups and bronze that went missing add up
    [InlineData(0, 4, "succeeded")]
    public void Quality_FailedLookupsAndMissingBronze_CountAgainstTheSelectedMovies(int failed, int missingBronze, string status)
    {
        var manifest = Manifest(new OutcomeCounts(20 - failed, 0, failed, 0)) with
        {
            Rejects = missingBronze,
            RejectsByReason = missingBronze == 0 ? new Dictionary<string, int>() : new Dictionary<string, int> { [RejectReasons.MissingBronze] = missingBronze },
            Rows = 20 - failed - missingBronze,
        };

        var quality = GoldTables.Quality(manifest, [], thresholdPercent: 20);

        Assert.Equal(status, quality.Status);
        Assert.Equal((failed, missingBronze), (quality.Failed, quality.RejectedMissingBronze));
    }

    private static SilverManifest Manifest(OutcomeCounts bronze)
        => new("20261120-q", new DateOnly(2026, 11, 20), At, SilverPaths.SchemaVersion, "2026/11/20/20261120-q/_manifest.json", bronze, null,
            bronze.Fetched, bronze.Fetched, 0, new Dictionary<string, int>(), "m.parquet", "r.jsonl");

    private static MoviesUnifiedRow Row(string id, string genres, double? rating, long? gross)
        => new() { ImdbId = id, Title = id, Genres = genres, ImdbRating = rating, WorldwideGrossUsd = gross, LastRefreshedAt = At.UtcDateTime };
}
