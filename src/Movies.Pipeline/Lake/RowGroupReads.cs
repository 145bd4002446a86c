using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>The raw reads of one column of a row group (values with their definition and repetition levels, in
/// pooled buffers), each handing every row its value: shared by the row reader (<see cref="RecordColumn{T}"/>) and
/// the column reader (<see cref="ParquetColumns"/>), which differ only in where a value goes.</summary>
internal static class RowGroupReads
{
    /// <summary>A value column: each row index gets its value (normalized), or null where the file has none.</summary>
    public static async Task ValuesAsync<TValue>(ParquetRowGroupReader reader, DataField field, Action<int, TValue?> set, CancellationToken cancellationToken)
        where TValue : struct
    {
        var count = (int)reader.RowCount;
        var values = ArrayPool<TValue>.Shared.Rent(Math.Max(count, 1));
        var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            await reader.ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken);
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var defined = levels is null || levels[i] == field.MaxDefinitionLevel;
                set(i, defined ? CellValues.Normalize(values[next++]) : null);
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

    /// <summary>A text column: each row index gets its text (repeats made one string by <paramref name="strings"/>),
    /// or null.</summary>
    public static async Task TextAsync(ParquetRowGroupReader reader, DataField field, TextValues strings, Action<int, string?> set, CancellationToken cancellationToken)
    {
        var count = (int)reader.RowCount;
        var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(count, 1));
        var levels = field.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(Math.Max(count, 1)) : null;
        try
        {
            await reader.ReadRawAsync(field, values.AsMemory(0, count), levels?.AsMemory(0, count), null, cancellationToken);
            var next = 0;
            for (var i = 0; i < count; i++)
            {
                var defined = levels is null || levels[i] == field.MaxDefinitionLevel;
                set(i, defined ? strings.Get(values[next++].Span) : null);
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

    /// <summary>A list-of-text column (LIST of nullable UTF-8): <paramref name="startRow"/> opens each row's list in
    /// row order, saying whether the row has a list at all (false for a null list); <paramref name="addItem"/> then
    /// adds its items (a null item as null).</summary>
    public static async Task TextListAsync(ParquetRowGroupReader reader, DataField field, TextValues strings, Action<int, bool> startRow, Action<string?> addItem, CancellationToken cancellationToken)
    {
        var slots = (int)(reader.GetMetadata(field)?.MetaData?.NumValues ?? 0);
        var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(slots, 1));
        var definitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
        var repetitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
        try
        {
            await reader.ReadRawAsync(field, values.AsMemory(0, slots), definitions.AsMemory(0, slots), repetitions.AsMemory(0, slots), cancellationToken);
            var max = field.MaxDefinitionLevel;
            var (row, next) = (-1, 0);
            for (var slot = 0; slot < slots; slot++)
            {
                if (repetitions[slot] == 0)
                {
                    startRow(++row, definitions[slot] >= max - 2);
                }

                if (definitions[slot] == max)
                {
                    addItem(strings.Get(values[next++].Span));
                }
                else if (definitions[slot] == max - 1)
                {
                    addItem(null);
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
}
