namespace Movies.Pipeline.Providers;

public static class FieldTypes
{
    /// <summary>The type a field's values have in silver and gold (nullable: any value may be missing).</summary>
    public static Type ClrTypeOf(FieldType type) => type switch
    {
        FieldType.Text => typeof(string),
        FieldType.WholeNumber or FieldType.Money => typeof(long?),
        FieldType.Number or FieldType.Percent => typeof(double?),
        FieldType.Date => typeof(DateOnly?),
        FieldType.Year => typeof(int?),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown field type."),
    };

    /// <summary>An empty column of a field's type.</summary>
    public static Array NewColumn(FieldType type, int rows) => Array.CreateInstance(ClrTypeOf(type), rows);
}
