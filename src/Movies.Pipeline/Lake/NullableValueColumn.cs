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

    public override async Task ReadAsync(ParquetRowGroupReader reader, DataField fileField, T[] rows, int start, CancellationToken cancellationToken)
    {
        var count = (int)reader.RowCount;
        var values = ArrayPool<TValue>.Shared.Rent(Math.Max(count, 1));
        var levels = fileField.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            try
            {
                await reader.ReadRawAsync(fileField, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw Mismatch(fileField, typeof(TValue), e);
            }

            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var defined = levels is null || levels[i] == fileField.MaxDefinitionLevel;
                set(rows[start + i], defined ? CellValues.Normalize(values[next++]) : null);
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
}
