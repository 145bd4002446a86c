using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>Rows of a sealed record as a Parquet file and back (Parquet.Net's low-level column API). Column names
/// come from each property's <c>JsonPropertyName</c>, in declaration order (<see cref="RecordColumns{T}"/>). The
/// output is deterministic and byte-identical to Parquet.Net's serializer: its schema for the type, one fixed
/// row-group layout, Snappy, no timestamps in the file metadata; so the same rows always give the same bytes.
/// Written and read a column at a time through typed accessors: no per-cell reflection, no serializer compiled at
/// run time, and a reader can ask for just the columns it needs.</summary>
public static class ParquetTable
{
    /// <summary>Rows per row group: every gold table here fits in one, so a file's layout depends only on its rows
    /// (silver is written in smaller groups, <see cref="ParquetTableWriter{T}"/>).</summary>
    public const int RowGroupSize = 1_000_000;

    // Below this many rows, reading columns on several threads costs more than it saves.
    private const int ParallelReadRows = 4_096;

    public static Task<BinaryData> WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class, new()
        => WriteAsync(rows, RowGroupSize, cancellationToken);

    /// <summary>As <see cref="WriteAsync{T}(IReadOnlyCollection{T}, CancellationToken)"/> with row groups of
    /// <paramref name="rowGroupSize"/> rows (tests write several groups without a million rows).</summary>
    internal static async Task<BinaryData> WriteAsync<T>(IReadOnlyCollection<T> rows, int rowGroupSize, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupSize, 1);
        var list = rows as IReadOnlyList<T> ?? [.. rows];
        await using var writer = await CreateWriterAsync<T>(cancellationToken);
        // As the serializer does: one row group per rowGroupSize rows, none for no rows.
        for (var start = 0; start < list.Count; start += rowGroupSize)
        {
            await writer.WriteRowGroupAsync(list, start, Math.Min(rowGroupSize, list.Count - start), cancellationToken);
        }

        return await writer.FinishAsync();
    }

    /// <summary>A table to write a row group at a time (<see cref="ParquetTableWriter{T}"/>).</summary>
    public static async Task<ParquetTableWriter<T>> CreateWriterAsync<T>(CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var stream = new MemoryStream();
        var writer = await ParquetWriter.CreateAsync(RecordColumns<T>.Instance.Schema, stream, CreateOptions(), cancellationToken: cancellationToken);
        return new ParquetTableWriter<T>(stream, writer);
    }

    public static Task<IReadOnlyList<T>> ReadAsync<T>(BinaryData content, CancellationToken cancellationToken = default)
        where T : class, new()
        => ReadAsync<T>(content, null, cancellationToken);

    /// <summary>Reads the rows; with <paramref name="columns"/>, only those columns (by name) are read and every
    /// other property keeps its default. A column the file lacks keeps its default too (an older file).</summary>
    public static Task<IReadOnlyList<T>> ReadAsync<T>(BinaryData content, IReadOnlyCollection<string>? columns, CancellationToken cancellationToken = default)
        where T : class, new()
        => ReadAsync<T>(content, columns, null, cancellationToken);

    /// <summary>As <see cref="ReadAsync{T}(BinaryData, IReadOnlyCollection{string}, CancellationToken)"/>, keeping only
    /// the rows whose index in the file <paramref name="keep"/> accepts (all when null), in file order: a reader that
    /// needs a few rows of a large file does not hold a row object for each of the others.</summary>
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(BinaryData content, IReadOnlyCollection<string>? columns, Func<int, bool>? keep, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(content);
        var wanted = RecordColumns<T>.Instance.Columns.Where(c => columns is null || columns.Contains(c.Name, StringComparer.Ordinal)).ToList();
        await using var reader = await OpenAsync(content, cancellationToken);
        var fields = reader.Schema.GetDataFields().ToDictionary(TopLevelName, StringComparer.Ordinal);
        var present = wanted.Where(c => fields.ContainsKey(c.Name)).ToList();
        var (groups, rowCount) = RowGroups(reader);
        var rows = new T[rowCount];
        // Rows not kept all read into one scratch row, dropped after: the column readers need a row at every index,
        // and different columns set different properties of it, as they do of any row.
        var scratch = keep is null ? null : new T();
        var kept = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = scratch is null || keep!(i) ? new T() : scratch;
            kept += ReferenceEquals(rows[i], scratch) ? 0 : 1;
        }

        if (kept == 0)
        {
            return [];
        }

        // Different columns set different properties, so the readers never write the same field.
        await ReadColumnsAsync(content, reader, rows.Length, present.Count, async (from, c) =>
        {
            var field = from.Schema.GetDataFields().First(f => TopLevelName(f) == present[c].Name);
            foreach (var (index, start, _) in groups)
            {
                await present[c].ReadAsync(from.OpenRowGroupReader(index), field, rows, start, cancellationToken);
            }
        }, cancellationToken);

        return scratch is null ? rows : [.. rows.Where(r => !ReferenceEquals(r, scratch))];
    }

    /// <summary>The file's row groups (index, first row, rows) and its row count.</summary>
    internal static (List<(int Index, int Start, int Rows)> Groups, int RowCount) RowGroups(ParquetReader reader)
    {
        var groups = new List<(int Index, int Start, int Rows)>();
        var total = 0L;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rows = reader.OpenRowGroupReader(g).RowCount;
            groups.Add((g, (int)total, (int)rows));
            total += rows;
        }

        return (groups, checked((int)total));
    }

    /// <summary>Reads columns 0..<paramref name="columnCount"/>-1 with <paramref name="readColumn"/>, on several threads
    /// for a large file: each thread reads whole columns through its own reader (a reader's stream is not shared), so
    /// <paramref name="readColumn"/> must take the column's field from the reader it is given.</summary>
    internal static async Task ReadColumnsAsync(BinaryData content, ParquetReader reader, int rowCount, int columnCount, Func<ParquetReader, int, Task> readColumn, CancellationToken cancellationToken)
    {
        var next = -1;
        var workers = rowCount < ParallelReadRows ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(workers, Math.Max(columnCount, 1))).Select(worker => Task.Run(async () =>
        {
            await using var own = worker == 0 ? null : await OpenAsync(content, cancellationToken);
            var from = own ?? reader;
            for (var c = Interlocked.Increment(ref next); c < columnCount; c = Interlocked.Increment(ref next))
            {
                await readColumn(from, c);
            }
        }, cancellationToken)));
    }

    /// <summary>The name of the column a (leaf) field belongs to: <c>genres</c> for <c>genres/list/element</c>.</summary>
    internal static string TopLevelName(DataField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var path = field.Path.ToString();
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }

    internal static async Task<ParquetReader> OpenAsync(BinaryData content, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(content.ToStream(), CreateOptions(), cancellationToken: cancellationToken);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Not a Parquet file: {e.Message}", e);
        }
    }

    internal static ParquetOptions CreateOptions(int rowGroupSize = RowGroupSize) => new()
    {
        RowGroupSize = rowGroupSize,
        UseDateOnlyTypeForDates = true,
        CompressionMethod = CompressionMethod.Snappy,
    };
}
