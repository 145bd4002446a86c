using System.Buffers;
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
    private const int ParallelReadRows = 4_096;

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
        await using var reader = await OpenAsync(content, cancellationToken);
        var present = reader.Schema.GetDataFields().Where(f => names.Contains(TopLevelName(f), StringComparer.Ordinal)).ToList();
        var groups = new List<(int Index, int Start, int Rows)>();
        var total = 0L;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rows = reader.OpenRowGroupReader(g).RowCount;
            groups.Add((g, (int)total, (int)rows));
            total += rows;
        }

        var rowCount = checked((int)total);
        var columns = new object?[present.Count];
        var next = -1;
        var workers = rowCount < ParallelReadRows ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(workers, Math.Max(present.Count, 1))).Select(worker => Task.Run(async () =>
        {
            await using var own = worker == 0 ? null : await OpenAsync(content, cancellationToken);
            var from = own ?? reader;
            var fields = from.Schema.GetDataFields();
            for (var c = Interlocked.Increment(ref next); c < present.Count; c = Interlocked.Increment(ref next))
            {
                var field = fields.First(f => f.Path.ToString() == present[c].Path.ToString());
                columns[c] = await ReadColumnAsync(from, field, groups, rowCount, cancellationToken);
            }
        }, cancellationToken)));

        var byName = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var c = 0; c < present.Count; c++)
        {
            byName[TopLevelName(present[c])] = columns[c]!;
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
        foreach (var (index, start, count) in groups)
        {
            var values = ArrayPool<TValue>.Shared.Rent(Math.Max(count, 1));
            var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            try
            {
                await reader.OpenRowGroupReader(index).ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken);
                var next = 0;
                for (var i = 0; i < count; i++)
                {
                    column[start + i] = levels is null || levels[i] == field.MaxDefinitionLevel ? CellValues.Normalize(values[next++]) : null;
                }
            }
            finally
            {
                ArrayPool<TValue>.Shared.Return(values);
                if (levels is not null)
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }
        }

        return column;
    }

    private static async Task<object> ReadTextAsync(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
    {
        var column = new string?[rowCount];
        var strings = new TextValues();
        foreach (var (index, start, count) in groups)
        {
            var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(count, 1));
            var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
            try
            {
                await reader.OpenRowGroupReader(index).ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken);
                var next = 0;
                for (var i = 0; i < count; i++)
                {
                    column[start + i] = levels is null || levels[i] == field.MaxDefinitionLevel ? strings.Get(values[next++].Span) : null;
                }
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
                if (levels is not null)
                {
                    ArrayPool<int>.Shared.Return(levels);
                }
            }
        }

        return column;
    }

    private static async Task<object> ReadTextListAsync(ParquetReader reader, DataField field, List<(int Index, int Start, int Rows)> groups, int rowCount, CancellationToken cancellationToken)
    {
        var items = new List<string?>(rowCount);
        var starts = new int[rowCount + 1];
        var strings = new TextValues();
        var max = field.MaxDefinitionLevel;
        foreach (var (index, start, _) in groups)
        {
            var group = reader.OpenRowGroupReader(index);
            var slots = (int)(group.GetMetadata(field)?.MetaData?.NumValues ?? 0);
            var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(slots, 1));
            var definitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
            var repetitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
            try
            {
                await group.ReadRawAsync(field, values.AsMemory(0, slots), definitions.AsMemory(0, slots), repetitions.AsMemory(0, slots), cancellationToken);
                var (row, next) = (start - 1, 0);
                for (var slot = 0; slot < slots; slot++)
                {
                    if (repetitions[slot] == 0)
                    {
                        starts[++row] = items.Count;
                    }

                    if (definitions[slot] == max)
                    {
                        items.Add(strings.Get(values[next++].Span));
                    }
                    else if (definitions[slot] == max - 1)
                    {
                        items.Add(null);
                    }
                }
            }
            finally
            {
                ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
                ArrayPool<int>.Shared.Return(definitions);
                ArrayPool<int>.Shared.Return(repetitions);
            }
        }

        starts[rowCount] = items.Count;
        return new TextList([.. items], starts);
    }

    private static string TopLevelName(DataField field)
    {
        var path = field.Path.ToString();
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    private static async Task<ParquetReader> OpenAsync(BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(content.ToStream(), ParquetTable.CreateOptions(), cancellationToken: cancellationToken);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Not a Parquet file: {e.Message}", e);
        }
    }
}
