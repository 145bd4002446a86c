using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>Rows of a gold record as CSV (CsvHelper, RFC 4180): UTF-8 without BOM, invariant culture, CRLF line
/// ends, a header of the same column names and order as the Parquet file; dates ISO 8601 (yyyy-MM-dd,
/// times UTC with Z), numbers round-trip, null as an empty field.</summary>
public static class CsvTableWriter
{
    private static readonly CsvWriterOptions Options = new() { FormatProvider = CultureInfo.InvariantCulture, WriteByteOrderMark = false };

    public static BinaryData Write<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = Columns<T>();
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, Options, leaveOpen: true))
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
                    csv.WriteField(Format(property.GetValue(row)));
                }

                csv.EndRecord();
            }
        }

        return new BinaryData(stream.ToArray());
    }

    /// <summary>A column table as CSV, in the same form as typed rows.</summary>
    public static BinaryData Write(ColumnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, Options, leaveOpen: true))
        {
            foreach (var column in table.Columns)
            {
                csv.WriteField(column.Name);
            }

            csv.EndRecord();
            for (var row = 0; row < table.RowCount; row++)
            {
                foreach (var column in table.Columns)
                {
                    csv.WriteField(Format(column[row]));
                }

                csv.EndRecord();
            }
        }

        return new BinaryData(stream.ToArray());
    }

    /// <summary>The column names of a row type, in order: what the header of its CSV says.</summary>
    public static IReadOnlyList<string> ColumnNames<T>() => [.. Columns<T>().Select(c => c.Name)];

    private static List<(string Name, PropertyInfo Property)> Columns<T>()
        => [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, p))];

    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
