namespace Movies.Pipeline.Providers;

/// <summary>The columns of gold's films that the daily runs fill (from the source dataset and OMDb) and that a canonical
/// field of the same name may take from providers, by its precedence (<c>pipeline</c> standing for the runs' value).
/// Any other canonical field becomes a new column of <c>movies_unified</c>.</summary>
public static class PipelineColumns
{
    private static readonly Dictionary<string, FieldType[]> Columns = new(StringComparer.Ordinal)
    {
        ["released"] = [FieldType.Date],
        ["runtime_minutes"] = [FieldType.WholeNumber],
        ["rated"] = [FieldType.Text],
        ["language"] = [FieldType.Text],
        ["country"] = [FieldType.Text],
        ["distributor"] = [FieldType.Text],
        ["imdb_rating"] = [FieldType.Number],
        ["imdb_votes"] = [FieldType.WholeNumber],
        ["rotten_tomatoes_percent"] = [FieldType.Percent, FieldType.WholeNumber],
        ["metascore"] = [FieldType.WholeNumber, FieldType.Percent],
        ["domestic_gross_usd"] = [FieldType.Money],
        ["worldwide_gross_usd"] = [FieldType.Money],
        ["production_budget_usd"] = [FieldType.Money],
    };

    public static IReadOnlyCollection<string> Names => Columns.Keys;

    /// <summary>The field types a pipeline column accepts (the first is its own), or null when it is not one.</summary>
    public static IReadOnlyList<FieldType>? TypeOf(string name) => Columns.GetValueOrDefault(name);
}
