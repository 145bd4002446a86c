using Parquet;

namespace Movies.Pipeline.Lake;

/// <summary>A Parquet table written a row group at a time, so a caller holds one group's rows, not the table's
/// (silver streams its bronze reads through it). The same rows in the same groups give the same bytes as
/// <see cref="ParquetTable.WriteAsync{T}(IReadOnlyCollection{T}, CancellationToken)"/>, which writes through it too.
/// Made by <see cref="ParquetTable.CreateWriterAsync{T}"/>.</summary>
public sealed class ParquetTableWriter<T> : IAsyncDisposable
    where T : class, new()
{
    private readonly MemoryStream _stream;
    private readonly ParquetWriter _writer;
    private bool _finished;

    internal ParquetTableWriter(MemoryStream stream, ParquetWriter writer)
    {
        _stream = stream;
        _writer = writer;
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Writes rows <paramref name="start"/>..+<paramref name="count"/> of <paramref name="rows"/> as one row
    /// group (none for no rows, as the serializer does).</summary>
    public async Task WriteRowGroupAsync(IReadOnlyList<T> rows, int start, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ObjectDisposedException.ThrowIf(_finished, this);
        if (count == 0)
        {
            return;
        }

        using var group = _writer.CreateRowGroup();
        foreach (var column in RecordColumns<T>.Instance.Columns)
        {
            await column.WriteAsync(group, rows, start, count, cancellationToken);
        }

        Rows += count;
    }

    public Task WriteRowGroupAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken = default)
        => WriteRowGroupAsync(rows, 0, rows?.Count ?? 0, cancellationToken);

    /// <summary>Closes the file (its footer) and returns its bytes: the stream's own buffer, not a copy of it.</summary>
    public async Task<BinaryData> FinishAsync()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        await _writer.DisposeAsync();
        return new BinaryData(_stream.GetBuffer().AsMemory(0, (int)_stream.Length));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            await _writer.DisposeAsync();
        }
    }
}
