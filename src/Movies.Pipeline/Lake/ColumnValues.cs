namespace Movies.Pipeline.Lake;

/// <summary>One named column of a <see cref="ColumnTable"/>: its values as a typed array (<c>string?[]</c>, <c>long?[]</c>,
/// <c>double?[]</c>, <c>int?[]</c>, <c>DateOnly?[]</c>, <c>bool?[]</c>, or a non-nullable value type's array).</summary>
public sealed record ColumnValues(string Name, Array Values)
{
    /// <summary>The element type of <see cref="Values"/>: what the column holds.</summary>
    public Type Type => Values.GetType().GetElementType()!;

    public object? this[int row] => Values.GetValue(row);

    public static ColumnValues Of<T>(string name, T[] values) => new(name, values);
}
