using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>A column of a nullable value (int?, long?, double?, DateOnly?, DateTime?...).</summary>
internal sealed class NullableValueColumn<T, TValue>(string name, DataField field, Func<T, TValue?> get, Action<T, TValue?> set) : RecordColumn<T>(name, field)
    where T : class
    where TValue : struct
{
    public override async Task WriteAsync(ParquetRowGroupWriter writer, IReadOnlyList<T> rows, int start, int count, CancellationToken cancellationToken)
    {
        var values = ArrayPool<TValue?>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                values[i] = get(rows[start + i]);
            }

            await writer.WriteAsync<TValue>(Field, values.AsMemory(0, count), null, null, cancellationToken);
        }
        finally
        {
            ArrayPool<TValue?>.Shared.Return(values);
        }
    }

    public override void WriteCsv(CsvRecordWriter csv, T row)
    {
        if (get(row) is { } value)
        {
            csv.Value(value);
        }
        else
        {
            csv.Empty();
        }
    }

    public override Task ReadAsync(ParquetRowGroupReader reader, DataField fileField, T[] rows, int start, CancellationToken cancellationToken)
        => ReadValuesAsync<TValue>(reader, fileField, (i, v) => set(rows[start + i], v), cancellationToken);
}
