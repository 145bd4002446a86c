using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper;
using Movies.Pipeline.Gold;
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
                    csv.WriteField(CsvTableWriter.Format(property.GetValue(row)));
                }

                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
