using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>Chosen columns of a Parquet file, each read into one array over all its row groups: for code that works
/// a column at a time rather than a row object at a time (gold reads a run's silver this way, with no object, list
/// or repeated string per row). Text repeats are one string (<see cref="TextValues"/>); a list of text is its items
/// and where each row's items start (a null list reads as an empty one). Columns are read on several threads, each
/// through its own reader. A column the file lacks is absent (null), as a row reader leaves its property default.</summary>
public sealed class ParquetColumns
{
    private readonly Dictionary<string, object> _columns;

    private ParquetColumns(int rowCount, Dictionary<string, object> columns)
    {
        RowCount = rowCount;
        _columns = columns;
    }

    public int RowCount { get; }

    /// <summary>Reads the columns named in <paramref name="names"/> that the file has.</summary>
    public static async Task<ParquetColumns> ReadAsync(BinaryData content, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(names);
        await using var reader = await ParquetTable.OpenAsync(content, cancellationToken);
        var present = reader.Schema.GetDataFields().Where(f => names.Contains(ParquetTable.TopLevelName(f), StringComparer.Ordinal)).ToList();
        var (groups, rowCount) = ParquetTable.RowGroups(reader);
        var columns = new object?[present.Count];
        await ParquetTable.ReadColumnsAsync(content, reader, rowCount, present.Count, async (from, c) =>
        {
            var field = from.Schema.GetDataFields().First(f => f.Path.ToString() == present[c].Path.ToString());
            columns[c] = await ReadColumnAsync(from, field, groups, rowCount, cancellationToken);
        }, cancellationToken);

        var byName = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var c = 0; c < present.Count; c++)
        {
            byName[ParquetTable.TopLevelName(present[c])] = columns[c]!;
        }

        return new ParquetColumns(rowCount, byName);
    }

    /// <summary>A text column, or null when the file lacks it.</summary>
    public string?[]? Text(string name) => Column<string?[]>(name);

    /// <summary>A value column (int, long, double, bool, DateOnly, DateTime as UTC), or null when the file lacks it.</summary>
    public TValue?[]? Values<TValue>(string name)
        where TValue : struct
        => Column<TValue?[]>(name);

    /// <summary>A list-of-text column, or null when the file lacks it.</summary>
    public TextList? TextList(string name) => Column<TextList>(name);

    private T? Column<T>(string name)
        where T : class
        => !_columns.TryGetValue(name, out var column) ? null
            : column as T ?? throw new InvalidDataException($"Parquet column '{name}' is {Describe(column)}, not {Describe(typeof(T))}.");

    private static string Describe(object column) => column is TextList ? "a list of text" : Describe(column.GetType());

    private static string Describe(Type type) => type == typeof(TextList) ? "a list of text" : type.GetElementType() is { } e ? (Nullable.GetUnderlyingType(e) ?? e).Name : type.Name;

    private static Task<object> ReadColumnAsync(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
    {
        if (field.MaxRepetitionLevel > 0)
        {
            return field.MaxRepetitionLevel == 1 && IsText(field) && field.MaxDefinitionLevel >= 3
                ? ReadTextListAsync(reader, field, groups, rowCount, cancellationToken)
                : throw new InvalidDataException($"Parquet column '{field.Path}' is a nested column other than a list of text.");
        }

        var type = field.ClrType;
        return IsText(field) ? ReadTextAsync(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(int) ? ReadValuesAsync<int>(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(long) ? ReadValuesAsync<long>(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(double) ? ReadValuesAsync<double>(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(bool) ? ReadValuesAsync<bool>(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(DateOnly) ? ReadValuesAsync<DateOnly>(reader, field, groups, rowCount, cancellationToken)
            : type == typeof(DateTime) ? ReadValuesAsync<DateTime>(reader, field, groups, rowCount, cancellationToken)
            : throw new InvalidDataException($"Parquet column '{field.Path}' holds {type.Name}, which is not read as a column here.");
    }

    private static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static async Task<object> ReadValuesAsync<TValue>(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
        where TValue : struct
    {
        var column = new TValue?[rowCount];
        foreach (var (index, start, _) in groups)
        {
            await RowGroupReads.ValuesAsync<TValue>(reader.OpenRowGroupReader(index), field, (i, value) => column[start + i] = value, cancellationToken);
        }

        return column;
    }

    private static async Task<object> ReadTextAsync(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
    {
        var column = new string?[rowCount];
        var strings = new TextValues();
        foreach (var (index, start, _) in groups)
        {
            await RowGroupReads.TextAsync(reader.OpenRowGroupReader(index), field, strings, (i, text) => column[start + i] = text, cancellationToken);
        }

        return column;
    }

    // A null list reads as an empty one: its row starts where the next row does.
    private static async Task<object> ReadTextListAsync(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
    {
        var items = new List<string?>(rowCount);
        var starts = new int[rowCount + 1];
        var strings = new TextValues();
        foreach (var (index, start, _) in groups)
        {
            await RowGroupReads.TextListAsync(reader.OpenRowGroupReader(index), field, strings, (row, _) => starts[start + row] = items.Count, items.Add, cancellationToken);
        }

        starts[rowCount] = items.Count;
        return new TextList([.. items], starts);
    }
}
