namespace Movies.Pipeline.Providers;

/// <summary>A provider, validated: its format, join key, how it writes numbers and missing values, and its parts.
/// Its silver table is named after it and holds the fields of all its parts.</summary>
public sealed record Provider(
    string Name,
    string? Description,
    ProviderFormat Format,
    string JoinKey,
    string? Records,
    char Delimiter,
    IReadOnlySet<string> Nulls,
    string Thousands,
    string DecimalMark,
    IReadOnlyList<ProviderPart> Parts)
{
    public bool JoinsByImdbId => JoinKey == ProviderKeys.JoinByImdbId;

    /// <summary>The canonical fields of all parts, in part and column order: the provider table's value columns.</summary>
    public IReadOnlyList<ColumnMapping> FieldColumns => [.. Parts.SelectMany(p => p.FieldColumns)];

    /// <summary>The part a landed file belongs to: the first whose pattern matches its name, or null.</summary>
    public ProviderPart? PartOf(string fileName) => Parts.FirstOrDefault(p => p.Matches(fileName));
}
