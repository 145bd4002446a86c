using System.Globalization;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>Rows of a gold record as CSV (RFC 4180, as CsvHelper writes it; text cells neutralised against formula
/// injection by <see cref="CsvCells"/>): UTF-8 without BOM, invariant culture,
/// CRLF line ends, a header of the same column names and order as the Parquet file; dates ISO 8601 (yyyy-MM-dd,
/// times UTC with Z), numbers round-trip, null as an empty field. Formatted column by column into one buffer
/// (<see cref="CsvRecordWriter"/>), without reflection or boxing per cell.</summary>
public static class CsvTableWriter
{
    public static BinaryData Write<T>(IEnumerable<T> rows)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyCollection<T> ?? [.. rows];
        var columns = RecordColumns<T>.Instance.Columns;
        var csv = new CsvRecordWriter((list.Count + 1) * columns.Count * 12);
        foreach (var column in columns)
        {
            csv.Text(column.Name);
        }

        csv.EndRecord();
        foreach (var row in list)
        {
            foreach (var column in columns)
            {
                column.WriteCsv(csv, row);
            }

            csv.EndRecord();
        }

        return new BinaryData(csv.Written);
    }

    /// <summary>A column table as CSV, in the same form as typed rows.</summary>
    public static BinaryData Write(ColumnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new CsvRecordWriter((table.RowCount + 1) * table.Columns.Count * 12);
        foreach (var column in table.Columns)
        {
            csv.Text(column.Name);
        }

        csv.EndRecord();
        for (var row = 0; row < table.RowCount; row++)
        {
            foreach (var column in table.Columns)
            {
                // Text is outside text (neutralised); numbers, dates and booleans are written as formatted.
                if (column[row] is string text)
                {
                    csv.Text(text);
                }
                else
                {
                    csv.Formatted(Format(column[row]));
                }
            }

            csv.EndRecord();
        }

        return new BinaryData(csv.Written);
    }

    /// <summary>The column names of a row type, in order: what the header of its CSV says.</summary>
    public static IReadOnlyList<string> ColumnNames<T>()
        where T : class, new()
        => RecordColumns<T>.Instance.Names;

    /// <summary>One value as it appears in a CSV cell (before quoting); <c>movies sql</c> prints values this way.</summary>
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
