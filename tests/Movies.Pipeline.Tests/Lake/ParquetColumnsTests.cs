using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>ParquetColumns reads the same values as ParquetTable's row reader (the oracle), a column at a time.</summary>
public sealed class ParquetColumnsTests
{
    [Theory]
    [InlineData(25, 10)]
    [InlineData(9_000, ParquetTable.RowGroupSize)]
    public async Task ReadAsync_EveryKindOfColumn_SameValuesAsTheRowReader(int count, int rowGroupSize)
    {
        var file = await ParquetTable.WriteAsync(RandomRows.Make<SilverMovie>(count, seed: count), rowGroupSize);
        var rows = await ParquetTable.ReadAsync<SilverMovie>(file);

        var columns = await ParquetColumns.ReadAsync(file, ["imdb_id", "title", "year", "released", "imdb_votes", "imdb_rating", "genres", "directors"]);

        Assert.Equal(count, columns.RowCount);
        Assert.Equal(rows.Select(r => r.ImdbId), columns.Text("imdb_id")!);
        Assert.Equal(rows.Select(r => r.Title), columns.Text("title")!);
        Assert.Equal(rows.Select(r => r.Year), columns.Values<int>("year")!);
        Assert.Equal(rows.Select(r => r.Released), columns.Values<DateOnly>("released")!);
        Assert.Equal(rows.Select(r => r.ImdbVotes), columns.Values<long>("imdb_votes")!);
        Assert.Equal(rows.Select(r => r.ImdbRating), columns.Values<double>("imdb_rating")!);
        var genres = columns.TextList("genres")!;
        Assert.Equal(rows.Select(r => (r.Genres ?? []).ToList<string?>()), Enumerable.Range(0, count).Select(i => genres.Of(i).ToArray().ToList()));
        var directors = columns.TextList("directors")!;
        Assert.Equal(rows.Select(r => (r.Directors ?? []).ToList<string?>()), Enumerable.Range(0, count).Select(i => directors.Of(i).ToArray().ToList()));
        Assert.Null(columns.Text("awards"));
    }

    [Fact]
    public async Task ReadAsync_ColumnTheFileLacksOrOfAnotherType_NullOrSaysWhich()
    {
        var file = await ParquetTable.WriteAsync(RandomRows.Make<GenreSummaryRow>(3, seed: 1));

        var columns = await ParquetColumns.ReadAsync(file, ["genre", "director"]);

        Assert.Null(columns.Text("director"));
        var error = Assert.Throws<InvalidDataException>(() => columns.Values<int>("genre"));
        Assert.Contains("'genre'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RepeatedText_OneStringPerDistinctValue()
    {
        var rows = Enumerable.Range(0, 3_000).Select(i => new SilverMovie { ImdbId = $"tt{i:D7}", Rated = i % 2 == 0 ? "PG" : "R", Genres = ["Drama", "Comedy"] }).ToList();

        var columns = await ParquetColumns.ReadAsync(await ParquetTable.WriteAsync(rows), ["imdb_id", "rated", "genres"]);

        var rated = columns.Text("rated")!;
        Assert.Same(rated[0], rated[2_998]);
        Assert.Same(rated[1], rated[2_999]);
        Assert.Equal(2, columns.TextList("genres")!.Items.Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(rows.Select(r => r.ImdbId), columns.Text("imdb_id")!);
    }
}
