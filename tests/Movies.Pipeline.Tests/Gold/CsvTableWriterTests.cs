using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Gold;

/// <summary>CsvTableWriter formats cells itself; the writer gold used before (CsvHelper fed each property by
/// reflection, formatted by <see cref="CsvTableWriter.Format"/>) is the oracle: the same rows give the same bytes,
/// with text that needs quoting, nulls, empty text, non-ASCII and extreme numbers.</summary>
public sealed class CsvTableWriterTests
{
    [Fact]
    public void Write_EveryGoldRowType_ByteIdenticalToCsvHelper()
    {
        AssertSame<MoviesUnifiedRow>();
        AssertSame<GenreSummaryRow>();
        AssertSame<DecadeSummaryRow>();
        AssertSame<DirectorSummaryRow>();
        AssertSame<RunQualityRow>();
        AssertSame<MovieHistoryRow>();
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example/\",\"click\")", "'=HYPERLINK(\"http://evil.example/\",\"click\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("＝1+2", "'＝1+2")]
    [InlineData("Heat", "Heat")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Neutralise_FormulaStarts_GuardedOthersUnchanged(string text, string expected)
        => Assert.Equal(expected, CsvCells.Neutralise(text));

    [Fact]
    public void Write_ColumnTable_TextNeutralisedNumbersNot()
    {
        var table = new ColumnTable([ColumnValues.Of("title", new[] { "=cmd|' /C calc'!A0", "Heat" }), ColumnValues.Of("gross", new long?[] { -5, 7 })], 2);

        Assert.Equal("title,gross\r\n'=cmd|' /C calc'!A0,-5\r\nHeat,7\r\n", CsvTableWriter.Write(table).ToString());
    }

    [Fact]
    public void Write_NoRows_HeaderOnly()
        => Assert.Equal("decade,films,mean_imdb_rating,mean_rotten_tomatoes_percent,mean_metascore,total_worldwide_gross_usd,median_worldwide_gross_usd\r\n",
            CsvTableWriter.Write(Array.Empty<DecadeSummaryRow>()).ToString());

    private static void AssertSame<T>()
        where T : class, new()
    {
        foreach (var count in new[] { 0, 1, 500 })
        {
            var rows = RandomRows.Make<T>(count, seed: count + 3);

            Assert.Equal(Legacy(rows), CsvTableWriter.Write(rows).ToString());
        }
    }

    // The CSV writer as it was before it formatted cells itself.
    private static string Legacy<T>(IEnumerable<T> rows)
    {
        var columns = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, Property: p))
            .ToList();
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, WriteByteOrderMark = false }, leaveOpen: true))
        {
            foreach (var (name, _) in columns)
            {
                csv.WriteField(name);
            }

            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var (_, property) in columns)
                {
                    // Plus the one contract added since: text cells neutralised against formula injection.
                    csv.WriteField(property.GetValue(row) is string text ? CsvCells.Neutralise(text) : CsvTableWriter.Format(property.GetValue(row)));
                }

                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
