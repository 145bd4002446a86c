using System.Text.Json;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Tests.Infrastructure;
using Parquet.Serialization;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>ParquetTable writes column by column; Parquet.Net's own serializer, the writer gold used before, is the
/// oracle: the same rows must give the same bytes, and reading must give the rows back.</summary>
public sealed class ParquetTableTests
{
    public static TheoryData<string> RowTypes => [nameof(MoviesUnifiedRow), nameof(GenreSummaryRow), nameof(DecadeSummaryRow), nameof(DirectorSummaryRow),
        nameof(RunQualityRow), nameof(MovieHistoryRow), nameof(SilverMovie)];

    [Theory]
    [MemberData(nameof(RowTypes))]
    public Task WriteAsync_EveryRowType_ByteIdenticalToTheSerializerAndReadsBack(string type) => type switch
    {
        nameof(MoviesUnifiedRow) => AssertSameAsSerializerAsync<MoviesUnifiedRow>(),
        nameof(GenreSummaryRow) => AssertSameAsSerializerAsync<GenreSummaryRow>(),
        nameof(DecadeSummaryRow) => AssertSameAsSerializerAsync<DecadeSummaryRow>(),
        nameof(DirectorSummaryRow) => AssertSameAsSerializerAsync<DirectorSummaryRow>(),
        nameof(RunQualityRow) => AssertSameAsSerializerAsync<RunQualityRow>(),
        nameof(MovieHistoryRow) => AssertSameAsSerializerAsync<MovieHistoryRow>(),
        nameof(SilverMovie) => AssertSameAsSerializerAsync<SilverMovie>(),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Fact]
    public async Task WriteAsync_SeveralRowGroups_SameBytesAsTheSerializerAndAllRowsRead()
    {
        var rows = RandomRows.Make<SilverMovie>(25, seed: 7);

        var written = await ParquetTable.WriteAsync(rows, rowGroupSize: 10);

        Assert.Equal(await SerializeAsync(rows, rowGroupSize: 10), written.ToArray());
        Assert.Equal(Json(rows), Json(await ParquetTable.ReadAsync<SilverMovie>(written)));
    }

    [Fact]
    public async Task ReadAsync_SomeColumns_OthersKeepTheirDefaults()
    {
        var rows = RandomRows.Make<MoviesUnifiedRow>(50, seed: 3);

        var read = await ParquetTable.ReadAsync<MoviesUnifiedRow>(await ParquetTable.WriteAsync(rows), ["imdb_id", "year", "last_refreshed_at"]);

        Assert.Equal(rows.Select(r => (r.ImdbId, r.Year, r.LastRefreshedAt, string.Empty, (double?)null)), read.Select(r => (r.ImdbId, r.Year, r.LastRefreshedAt, r.Title, r.ImdbRating)));
        Assert.All(read, r => Assert.Equal(DateTimeKind.Utc, r.LastRefreshedAt.Kind));
    }

    [Fact]
    public async Task ReadAsync_ColumnTheFileLacks_KeepsItsDefault()
    {
        // A genre summary file read as a director summary: `director` is not in it.
        var genres = RandomRows.Make<GenreSummaryRow>(5, seed: 11);

        var read = await ParquetTable.ReadAsync<DirectorSummaryRow>(await ParquetTable.WriteAsync(genres));

        Assert.Equal(genres.Select(g => (string.Empty, g.Films, g.MedianWorldwideGrossUsd)), read.Select(d => (d.Director, d.Films, d.MedianWorldwideGrossUsd)));
    }

    [Fact]
    public async Task ReadAsync_ColumnOfAnotherType_SaysWhich()
    {
        // decade is an int in decade_summary; genre (text) read as one fails with the column's name.
        var file = await ParquetTable.WriteAsync(RandomRows.Make<GenreSummaryRow>(3, seed: 1));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ParquetTable.ReadAsync<TextAsNumber>(file));

        Assert.Contains("'genre'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_LargeFile_ReadOnSeveralThreadsSameRows()
    {
        var rows = RandomRows.Make<SilverMovie>(9_000, seed: 5);

        var read = await ParquetTable.ReadAsync<SilverMovie>(await ParquetTable.WriteAsync(rows));

        Assert.Equal(Json(rows), Json(read));
    }

    [Theory]
    [InlineData(300, 10)]
    [InlineData(9_000, ParquetTable.RowGroupSize)]
    public async Task ReadAsync_KeepSomeRows_OnlyThoseInFileOrderWithEveryColumn(int count, int rowGroupSize)
    {
        // Several row groups, and a file large enough to be read on several threads.
        var rows = RandomRows.Make<MoviesUnifiedRow>(count, seed: 13);
        var written = await ParquetTable.WriteAsync(rows, rowGroupSize);

        var read = await ParquetTable.ReadAsync<MoviesUnifiedRow>(written, null, i => i % 7 == 3 || i == count - 1);

        Assert.Equal(Json(rows.Where((_, i) => i % 7 == 3 || i == count - 1)), Json(read));
    }

    [Fact]
    public async Task ReadAsync_KeepNoRow_Empty()
    {
        var written = await ParquetTable.WriteAsync(RandomRows.Make<MoviesUnifiedRow>(20, seed: 2));

        Assert.Empty(await ParquetTable.ReadAsync<MoviesUnifiedRow>(written, null, _ => false));
    }

    private static async Task AssertSameAsSerializerAsync<T>()
        where T : class, new()
    {
        foreach (var count in new[] { 0, 1, 300 })
        {
            var rows = RandomRows.Make<T>(count, seed: count + 17);

            var written = await ParquetTable.WriteAsync(rows);

            Assert.Equal(await SerializeAsync(rows, ParquetTable.RowGroupSize), written.ToArray());
            Assert.Equal(Json(rows), Json(await ParquetTable.ReadAsync<T>(written)));
        }
    }

    private static async Task<byte[]> SerializeAsync<T>(IReadOnlyCollection<T> rows, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, stream, ParquetTable.CreateOptions(rowGroupSize));
        return stream.ToArray();
    }

    private static string Json<T>(IEnumerable<T> rows) => JsonSerializer.Serialize(rows.ToList());

    public sealed record TextAsNumber
    {
        [System.Text.Json.Serialization.JsonPropertyName("genre")]
        public int Genre { get; init; }
    }
}
