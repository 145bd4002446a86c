using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>A table whose columns are known only at run time (a provider's silver table, <c>movies_unified</c> with the
/// provider columns the configuration declares): named columns of equal length, written as Parquet in the same
/// deterministic layout as <see cref="ParquetTable"/> (one row group, Snappy, no timestamps), and read back.</summary>
public sealed class ColumnTable
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> RowLayouts = new();

    private readonly List<ColumnValues> _columns;

    public ColumnTable(IEnumerable<ColumnValues> columns, int? rowCount = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        var names = new HashSet<string>(StringComparer.Ordinal);
        RowCount = rowCount ?? (_columns.Count == 0 ? 0 : _columns[0].Values.Length);
        foreach (var column in _columns)
        {
            if (!names.Add(column.Name))
            {
                throw new ArgumentException($"Column {column.Name} appears twice.", nameof(columns));
            }

            if (column.Values.Length != RowCount)
            {
                throw new ArgumentException($"Column {column.Name} has {column.Values.Length} values, not {RowCount}.", nameof(columns));
            }

            _ = FieldOf(column);
        }
    }

    public int RowCount { get; }

    public IReadOnlyList<ColumnValues> Columns => _columns;

    public IReadOnlyList<string> ColumnNames => [.. _columns.Select(c => c.Name)];

    public ColumnValues? Find(string name) => _columns.Find(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    public ColumnValues this[string name] => Find(name) ?? throw new KeyNotFoundException($"No column {name}.");

    /// <summary>This table with <paramref name="column"/> in place of the column of that name, or added last.</summary>
    public ColumnTable With(ColumnValues column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var index = _columns.FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.Ordinal));
        var columns = new List<ColumnValues>(_columns);
        if (index < 0)
        {
            columns.Add(column);
        }
        else
        {
            columns[index] = column;
        }

        return new ColumnTable(columns, RowCount);
    }

    /// <summary>The rows of a gold or silver record as columns: one per property with a <c>JsonPropertyName</c>, in
    /// declaration order (the columns <see cref="ParquetTable"/> writes).</summary>
    public static ColumnTable FromRows<T>(IReadOnlyList<T> rows)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<ColumnValues>();
        foreach (var (name, property) in LayoutOf(typeof(T)))
        {
            var values = Array.CreateInstance(property.PropertyType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(property.GetValue(rows[i]), i);
            }

            columns.Add(new ColumnValues(name, values));
        }

        return new ColumnTable(columns, rows.Count);
    }

    public async Task<BinaryData> ToParquetAsync(CancellationToken cancellationToken = default)
    {
        var fields = _columns.Select(FieldOf).ToArray();
        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, Options, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < fields.Length; i++)
            {
                await WriteColumnAsync(group, fields[i], _columns[i].Values, cancellationToken);
            }

            group.CompleteValidate();
        }

        return new BinaryData(stream.ToArray());
    }

    public static async Task<ColumnTable> ReadParquetAsync(BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = content.ToStream();
        await using var reader = await ParquetReader.CreateAsync(stream, Options, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields();
        var total = checked((int)reader.RowGroups.Sum(g => g.RowCount));
        var columns = fields.Select(f => new ColumnValues(f.Name, Array.CreateInstance(ElementTypeOf(f), total))).ToList();
        var offset = 0;
        foreach (var group in reader.RowGroups)
        {
            var count = (int)group.RowCount;
            for (var i = 0; i < fields.Length; i++)
            {
                var part = await ReadColumnAsync(group, fields[i], count, cancellationToken);
                Array.Copy(part, 0, columns[i].Values, offset, count);
            }

            offset += count;
        }

        return new ColumnTable(columns, total);
    }

    private static readonly ParquetOptions Options = new()
    {
        RowGroupSize = ParquetTable.RowGroupSize,
        UseDateOnlyTypeForDates = true,
        CompressionMethod = CompressionMethod.Snappy,
    };

    private static (string Name, PropertyInfo Property)[] LayoutOf(Type type)
        => RowLayouts.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, p))]);

    /// <summary>The Parquet field of a column: nullable exactly when its element type is (strings always are).</summary>
    private static DataField FieldOf(ColumnValues column)
    {
        var type = column.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        return type == typeof(string) ? new DataField<string>(column.Name)
            : underlying == typeof(long) ? new DataField<long?>(column.Name)
            : underlying == typeof(int) ? new DataField<int?>(column.Name)
            : underlying == typeof(double) ? new DataField<double?>(column.Name)
            : underlying == typeof(bool) ? new DataField<bool?>(column.Name)
            : underlying == typeof(DateOnly) ? new DataField<DateOnly?>(column.Name)
            : underlying == typeof(DateTime) ? new DataField<DateTime?>(column.Name)
            : type == typeof(long) ? new DataField<long>(column.Name)
            : type == typeof(int) ? new DataField<int>(column.Name)
            : type == typeof(double) ? new DataField<double>(column.Name)
            : type == typeof(bool) ? new DataField<bool>(column.Name)
            : type == typeof(DateOnly) ? new DataField<DateOnly>(column.Name)
            : type == typeof(DateTime) ? new DataField<DateTime>(column.Name)
            : throw new ArgumentException($"Column {column.Name} holds {type.Name}, which a column table does not write.", nameof(column));
    }

    // Parquet.Net reads text columns as ReadOnlyMemory<char>; a column table holds them as strings.
    private static Type ElementTypeOf(DataField field)
        => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string)
            : !field.IsNullable ? field.ClrType
            : typeof(Nullable<>).MakeGenericType(field.ClrType);

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Array values, CancellationToken cancellationToken) => values switch
    {
        string?[] v => group.WriteAsync(field, v!),
        long?[] v => group.WriteAsync<long>(field, v, cancellationToken: cancellationToken),
        int?[] v => group.WriteAsync<int>(field, v, cancellationToken: cancellationToken),
        double?[] v => group.WriteAsync<double>(field, v, cancellationToken: cancellationToken),
        bool?[] v => group.WriteAsync<bool>(field, v, cancellationToken: cancellationToken),
        DateOnly?[] v => group.WriteAsync<DateOnly>(field, v, cancellationToken: cancellationToken),
        DateTime?[] v => group.WriteAsync<DateTime>(field, v, cancellationToken: cancellationToken),
        long[] v => group.WriteAsync<long>(field, v, cancellationToken: cancellationToken),
        int[] v => group.WriteAsync<int>(field, v, cancellationToken: cancellationToken),
        double[] v => group.WriteAsync<double>(field, v, cancellationToken: cancellationToken),
        bool[] v => group.WriteAsync<bool>(field, v, cancellationToken: cancellationToken),
        DateOnly[] v => group.WriteAsync<DateOnly>(field, v, cancellationToken: cancellationToken),
        DateTime[] v => group.WriteAsync<DateTime>(field, v, cancellationToken: cancellationToken),
        _ => throw new ArgumentException($"Column {field.Name} holds {values.GetType().Name}.", nameof(values)),
    };

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = Array.CreateInstance(ElementTypeOf(field), count);
        switch (values)
        {
            case string?[] v: await group.ReadAsync(field, v.AsMemory()!, cancellationToken: cancellationToken); break;
            case long?[] v: await group.ReadAsync<long>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case int?[] v: await group.ReadAsync<int>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case double?[] v: await group.ReadAsync<double>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case bool?[] v: await group.ReadAsync<bool>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case DateOnly?[] v: await group.ReadAsync<DateOnly>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case DateTime?[] v: await group.ReadAsync<DateTime>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case long[] v: await group.ReadAsync<long>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case int[] v: await group.ReadAsync<int>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case double[] v: await group.ReadAsync<double>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case bool[] v: await group.ReadAsync<bool>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case DateOnly[] v: await group.ReadAsync<DateOnly>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            case DateTime[] v: await group.ReadAsync<DateTime>(field, v.AsMemory(), cancellationToken: cancellationToken); break;
            default: throw new InvalidDataException($"Column {field.Name} is of a type ({field.ClrType.Name}) a column table does not read.");
        }

        return values;
    }
}
