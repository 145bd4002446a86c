using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>A column of text (Parquet UTF-8, nullable). Reading a column whose values repeat (ratings, languages,
/// run ids) makes one string per distinct value, not one per row (<see cref="TextValues"/>).</summary>
internal sealed class TextColumn<T>(string name, DataField field, Func<T, string?> get, Action<T, string?> set) : RecordColumn<T>(name, field)
    where T : class
{
    public override async Task WriteAsync(ParquetRowGroupWriter writer, IReadOnlyList<T> rows, int start, int count, CancellationToken cancellationToken)
    {
        var values = ArrayPool<ReadOnlyMemory<char>?>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                // Not `text?.AsMemory()`-style: a bare null would convert to an empty ReadOnlyMemory, not to null.
                values[i] = get(rows[start + i]) is { } text ? text.AsMemory() : (ReadOnlyMemory<char>?)null;
            }

            await writer.WriteAsync<ReadOnlyMemory<char>>(Field, values.AsMemory(0, count), null, null, cancellationToken);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>?>.Shared.Return(values, clearArray: true);
        }
    }

    public override void WriteCsv(CsvRecordWriter csv, T row) => csv.Text(get(row));

    public override async Task ReadAsync(ParquetRowGroupReader reader, DataField fileField, T[] rows, int start, CancellationToken cancellationToken)
    {
        try
        {
            await RowGroupReads.TextAsync(reader, fileField, new TextValues(), (i, text) => set(rows[start + i], text), cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw Mismatch(fileField, typeof(string), e);
        }
    }
}
