using Parquet;

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
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(BinaryData content, IReadOnlyCollection<string>? columns, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(content);
        var wanted = RecordColumns<T>.Instance.Columns.Where(c => columns is null || columns.Contains(c.Name, StringComparer.Ordinal)).ToList();
        await using var reader = await OpenAsync(content, cancellationToken);
        var fields = reader.Schema.GetDataFields().ToDictionary(RecordColumns<T>.TopLevelName, StringComparer.Ordinal);
        var present = wanted.Where(c => fields.ContainsKey(c.Name)).ToList();
        var groups = new List<(int Index, int Start)>();
        var total = 0L;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            groups.Add((g, (int)total));
            total += reader.OpenRowGroupReader(g).RowCount;
        }

        var rows = new T[checked((int)total)];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new T();
        }

        // Each worker reads whole columns through its own reader (a reader's stream is not shared); different
        // columns set different properties, so the workers never write the same field.
        var next = -1;
        var workers = rows.Length < ParallelReadRows ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        await Task.WhenAll(Enumerable.Range(0, Math.Min(workers, Math.Max(present.Count, 1))).Select(worker => Task.Run(async () =>
        {
            await using var own = worker == 0 ? null : await OpenAsync(content, cancellationToken);
            var from = own ?? reader;
            var ownFields = own is null ? fields : own.Schema.GetDataFields().ToDictionary(RecordColumns<T>.TopLevelName, StringComparer.Ordinal);
            for (var c = Interlocked.Increment(ref next); c < present.Count; c = Interlocked.Increment(ref next))
            {
                foreach (var (index, start) in groups)
                {
                    await present[c].ReadAsync(from.OpenRowGroupReader(index), ownFields[present[c].Name], rows, start, cancellationToken);
                }
            }
        }, cancellationToken)));

        return rows;
    }

    private static async Task<ParquetReader> OpenAsync(BinaryData content, CancellationToken cancellationToken)
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
