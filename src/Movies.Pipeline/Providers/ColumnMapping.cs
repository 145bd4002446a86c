namespace Movies.Pipeline.Providers;

/// <summary>One file column mapped to a canonical field or key, validated, with the field's type and the parsing
/// options the declaration gave.</summary>
public sealed record ColumnMapping(string From, string To, FieldType Type, double Scale, bool Fraction, double? OutOf, IReadOnlyList<string> Formats);
