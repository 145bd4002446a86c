using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>One column of a row record (a property with a <c>JsonPropertyName</c>): its Parquet field and typed
/// accessors bound once, so writing and reading a table touches each cell without reflection or boxing.</summary>
internal abstract class RecordColumn<T>(string name, DataField field)
    where T : class
{
    public string Name { get; } = name;

    /// <summary>The field Parquet.Net's serializer would write for the property (same name, type, nullability).</summary>
    public DataField Field { get; } = field;

    /// <summary>Writes rows <paramref name="start"/>..+<paramref name="count"/> as this column of the row group.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter writer, IReadOnlyList<T> rows, int start, int count, CancellationToken cancellationToken);

    public abstract void WriteCsv(CsvRecordWriter csv, T row);

    /// <summary>Reads this column of a row group (as the file declares it, <paramref name="fileField"/>) into
    /// rows <paramref name="start"/>..+<c>rowCount</c>.</summary>
    public abstract Task ReadAsync(ParquetRowGroupReader reader, DataField fileField, T[] rows, int start, CancellationToken cancellationToken);

    /// <summary>Reads a value column of a row group and hands each row index its value (normalized), or null where
    /// the file has none; a file column of another type is named as such.</summary>
    protected static async Task ReadValuesAsync<TValue>(ParquetRowGroupReader reader, DataField fileField, Action<int, TValue?> set, CancellationToken cancellationToken)
        where TValue : struct
    {
        try
        {
            await RowGroupReads.ValuesAsync(reader, fileField, set, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw Mismatch(fileField, typeof(TValue), e);
        }
    }

    protected static InvalidDataException Mismatch(DataField fileField, Type expected, Exception inner)
        => new($"Parquet column '{fileField.Path}' is {fileField.ClrType.Name}{(fileField.IsNullable ? "?" : string.Empty)}, not the {expected.Name} this table expects: {inner.Message}", inner);
}
