using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>A column of text lists (Parquet LIST of nullable UTF-8), written with explicit definition and
/// repetition levels as Parquet.Net's serializer writes them: a null list, an empty list, a null element and a
/// value each have their level.</summary>
internal sealed class TextListColumn<T>(string name, DataField field, Func<T, List<string>?> get, Action<T, List<string>?> set) : RecordColumn<T>(name, field)
    where T : class
{
    public override async Task WriteAsync(ParquetRowGroupWriter writer, IReadOnlyList<T> rows, int start, int count, CancellationToken cancellationToken)
    {
        var slots = 0;
        for (var i = 0; i < count; i++)
        {
            slots += Math.Max(get(rows[start + i])?.Count ?? 0, 1);
        }

        var values = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(Math.Max(slots, 1));
        var definitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
        var repetitions = ArrayPool<int>.Shared.Rent(Math.Max(slots, 1));
        try
        {
            var max = Field.MaxDefinitionLevel;
            var (slot, next) = (0, 0);
            for (var i = 0; i < count; i++)
            {
                var list = get(rows[start + i]);
                if (list is null || list.Count == 0)
                {
                    definitions[slot] = list is null ? max - 3 : max - 2;
                    repetitions[slot++] = 0;
                    continue;
                }

                for (var k = 0; k < list.Count; k++)
                {
                    repetitions[slot] = k == 0 ? 0 : 1;
                    if (list[k] is { } item)
                    {
                        definitions[slot++] = max;
                        values[next++] = item.AsMemory();
                    }
                    else
                    {
                        definitions[slot++] = max - 1;
                    }
                }
            }

            await writer.WriteAllPartsAsync<ReadOnlyMemory<char>>(Field, values.AsMemory(0, next), definitions.AsMemory(0, slots), repetitions.AsMemory(0, slots), cancellationToken);
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(values, clearArray: true);
            ArrayPool<int>.Shared.Return(definitions);
            ArrayPool<int>.Shared.Return(repetitions);
        }
    }

    public override void WriteCsv(CsvRecordWriter csv, T row)
        => throw new NotSupportedException($"Column {Name} is a list; CSV tables hold text (join the list first).");

    public override async Task ReadAsync(ParquetRowGroupReader reader, DataField fileField, T[] rows, int start, CancellationToken cancellationToken)
    {
        if (fileField.MaxRepetitionLevel != 1 || fileField.MaxDefinitionLevel < 3)
        {
            throw new InvalidDataException($"Parquet column '{fileField.Path}' is not a list of text, which column {Name} expects.");
        }

        List<string>? list = null;
        try
        {
            await RowGroupReads.TextListAsync(
                reader,
                fileField,
                new TextValues(),
                (row, isList) => set(rows[start + row], list = isList ? [] : null),
                item => list!.Add(item!),
                cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw Mismatch(fileField, typeof(List<string>), e);
        }
    }
}
