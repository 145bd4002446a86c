namespace Movies.Pipeline.Lake;

/// <summary>Values as a table's rows hold them.</summary>
internal static class CellValues
{
    /// <summary>Parquet gives timestamps back without a kind; every time in the lake was written as UTC.</summary>
    public static TValue Normalize<TValue>(TValue value)
        where TValue : struct
        => typeof(TValue) == typeof(DateTime)
            ? (TValue)(object)DateTime.SpecifyKind((DateTime)(object)value, DateTimeKind.Utc)
            : value;
}
