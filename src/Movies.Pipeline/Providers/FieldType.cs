namespace Movies.Pipeline.Providers;

/// <summary>What a canonical field holds, and so how a value is parsed and stored: text (string), integer (long,
/// <see cref="WholeNumber"/>), decimal (double, <see cref="Number"/>), percent (double, 0–100), money (long, whole units of the currency), date (DateOnly), year (int).</summary>
public enum FieldType
{
    Text,
    WholeNumber,
    Number,
    Percent,
    Money,
    Date,
    Year,
}
