using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Providers;

public sealed class ColumnTableTests
{
    private static readonly MoviesUnifiedRow[] Films =
    [
        new() { ImdbId = "tt1", Title = "Heat", Year = 1995, Decade = 1990, Released = new DateOnly(1995, 12, 15), ImdbRating = 8.3, ImdbVotes = 700_000, WorldwideGrossUsd = 187_436_818, MovieKey = "heat", LastRunId = "r1", LastRefreshedAt = new DateTime(2026, 11, 23, 3, 0, 0, DateTimeKind.Utc) },
        new() { ImdbId = "tt2", Title = "Amélie", MovieKey = "amelie", LastRunId = "r1", LastRefreshedAt = new DateTime(2026, 11, 23, 3, 0, 0, DateTimeKind.Utc) },
    ];

    [Fact]
    public async Task FromRows_WrittenAsParquet_HasTheColumnsAndTypesOfTheTypedTable()
    {
        using var folder = new TempFolder();
        var lake = new FileSystemLakeStore(folder.Path);
        await lake.UploadAsync(LakeContainers.Gold, "typed.parquet", await ParquetTable.WriteAsync(Films), overwrite: true);
        await lake.UploadAsync(LakeContainers.Gold, "columns.parquet", await ColumnTable.FromRows(Films).ToParquetAsync(), overwrite: true);
        const string Describe = "SELECT column_name, column_type FROM (DESCRIBE t)";

        var typed = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, "typed.parquet", Describe);
        var columns = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, "columns.parquet", Describe);

        Assert.Equal(typed.Select(r => $"{r[0]} {r[1]}"), columns.Select(r => $"{r[0]} {r[1]}"));
        var values = await LakeRuns.QueryParquetAsync(lake, LakeContainers.Gold, "columns.parquet", "SELECT imdb_id, title, year, released, imdb_votes, last_refreshed_at FROM t ORDER BY imdb_id");
        Assert.Equal(["tt1", "Heat", 1995, new DateOnly(1995, 12, 15), 700_000L, new DateTime(2026, 11, 23, 3, 0, 0)], values[0]);
        Assert.Equal(["tt2", "Amélie", null, null, null, new DateTime(2026, 11, 23, 3, 0, 0)], values[1]);
    }

    [Fact]
    public async Task Parquet_RoundTrip_KeepsEveryColumnAndValue()
    {
        var table = new ColumnTable(
        [
            ColumnValues.Of("text", new string?[] { "a", null, "ü" }),
            ColumnValues.Of("count", new long?[] { 1, null, long.MaxValue }),
            ColumnValues.Of("share", new double?[] { 0.5, 87.25, null }),
            ColumnValues.Of("day", new DateOnly?[] { new DateOnly(2001, 2, 3), null, DateOnly.MinValue }),
            ColumnValues.Of("year", new int?[] { 1999, null, 2001 }),
        ]);

        var back = await ColumnTable.ReadParquetAsync(await table.ToParquetAsync());

        Assert.Equal(table.ColumnNames, back.ColumnNames);
        Assert.Equal(3, back.RowCount);
        foreach (var column in table.Columns)
        {
            Assert.Equal(column.Values.Cast<object?>(), back[column.Name].Values.Cast<object?>());
            Assert.Equal(column.Type, back[column.Name].Type);
        }
    }

    [Fact]
    public async Task Parquet_SameTableTwice_SameBytes()
    {
        var table = ColumnTable.FromRows(Films).With(ColumnValues.Of("extra", new string?[] { "x", null }));

        Assert.Equal((await table.ToParquetAsync()).ToArray(), (await table.ToParquetAsync()).ToArray());
    }

    [Fact]
    public void Csv_ColumnTable_SameAsTypedRows()
        => Assert.Equal(CsvTableWriter.Write(Films).ToString(), CsvTableWriter.Write(ColumnTable.FromRows(Films)).ToString());

    [Fact]
    public void New_ColumnsOfDifferentLengths_Refused()
        => Assert.Throws<ArgumentException>(() => new ColumnTable([ColumnValues.Of("a", new long?[] { 1 }), ColumnValues.Of("b", new long?[] { 1, 2 })]));
}
