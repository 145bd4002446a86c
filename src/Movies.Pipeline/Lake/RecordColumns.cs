using System.Reflection;
using System.Text.Json.Serialization;
using Parquet.Schema;
using Parquet.Serialization;

namespace Movies.Pipeline.Lake;

/// <summary>The columns of a row record, found once per type: every public property with a
/// <c>JsonPropertyName</c> (and no <c>JsonIgnore</c>), in declaration order, named by it. The Parquet schema is the
/// one Parquet.Net's serializer builds for the type, so files written column by column are byte-identical to the
/// serializer's.</summary>
internal sealed class RecordColumns<T>
    where T : class, new()
{
    private RecordColumns()
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .OrderBy(p => p.MetadataToken)
            .ToList();
        Schema = typeof(T).GetParquetSchema(forWriting: true);
        var leaves = Schema.GetDataFields().ToDictionary(ParquetTable.TopLevelName, StringComparer.Ordinal);
        Columns = [.. properties.Select(p => Create(p, p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name, leaves))];
        if (!Schema.Fields.Select(f => f.Name).SequenceEqual(Columns.Select(c => c.Name), StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{typeof(T).Name}: Parquet.Net orders the columns {string.Join(", ", Schema.Fields.Select(f => f.Name))}, not as the properties are declared.");
        }

        Names = [.. Columns.Select(c => c.Name)];
    }

    public static RecordColumns<T> Instance { get; } = new();

    public ParquetSchema Schema { get; }

    public IReadOnlyList<RecordColumn<T>> Columns { get; }

    public IReadOnlyList<string> Names { get; }

    private static RecordColumn<T> Create(PropertyInfo property, string name, Dictionary<string, DataField> leaves)
    {
        var field = leaves.GetValueOrDefault(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name}: Parquet.Net has no column {name}.");
        var type = property.PropertyType;
        return type switch
        {
            _ when type == typeof(string) => new TextColumn<T>(name, field, Getter<string?>(property), Setter<string?>(property)),
            _ when type == typeof(List<string>) => new TextListColumn<T>(name, field, Getter<List<string>?>(property), Setter<List<string>?>(property)),
            _ when type == typeof(int) => Value<int>(property, name, field),
            _ when type == typeof(int?) => Nullable<int>(property, name, field),
            _ when type == typeof(long) => Value<long>(property, name, field),
            _ when type == typeof(long?) => Nullable<long>(property, name, field),
            _ when type == typeof(double) => Value<double>(property, name, field),
            _ when type == typeof(double?) => Nullable<double>(property, name, field),
            _ when type == typeof(bool) => Value<bool>(property, name, field),
            _ when type == typeof(bool?) => Nullable<bool>(property, name, field),
            _ when type == typeof(DateOnly) => Value<DateOnly>(property, name, field),
            _ when type == typeof(DateOnly?) => Nullable<DateOnly>(property, name, field),
            _ when type == typeof(DateTime) => Value<DateTime>(property, name, field),
            _ when type == typeof(DateTime?) => Nullable<DateTime>(property, name, field),
            _ => throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: columns of type {type.Name} are not supported."),
        };
    }

    private static ValueColumn<T, TValue> Value<TValue>(PropertyInfo property, string name, DataField field)
        where TValue : struct
        => new(name, field, Getter<TValue>(property), Setter<TValue>(property));

    private static NullableValueColumn<T, TValue> Nullable<TValue>(PropertyInfo property, string name, DataField field)
        where TValue : struct
        => new(name, field, Getter<TValue?>(property), Setter<TValue?>(property));

    private static Func<T, TValue> Getter<TValue>(PropertyInfo property)
        => property.GetMethod!.CreateDelegate<Func<T, TValue>>();

    // Init-only setters are ordinary methods to the runtime: reading a file fills a new row as its initializer would.
    private static Action<T, TValue> Setter<TValue>(PropertyInfo property)
        => property.SetMethod?.CreateDelegate<Action<T, TValue>>()
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} has no setter or init accessor to read it into.");
}
