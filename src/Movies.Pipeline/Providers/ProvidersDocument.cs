using System.Text.Json.Serialization;

namespace Movies.Pipeline.Providers;

/// <summary>The providers file as written (<c>data/providers.json</c>): every member optional here, so that what is
/// missing is reported by <see cref="ProviderCatalog"/> with the provider and field it belongs to.</summary>
public sealed record ProvidersDocument(IReadOnlyList<FieldDeclaration>? Fields, IReadOnlyList<ProviderDeclaration>? Providers);

/// <summary>A canonical field: its name in silver and gold, its type and unit, and which source wins when several have
/// a value (<paramref name="Precedence"/>: provider names, and <c>pipeline</c> for the daily runs' own value).</summary>
public sealed record FieldDeclaration(string? Name, string? Type, string? Unit, string? Description, IReadOnlyList<string>? Precedence);

/// <summary>One provider: its files' format, how rows join films, how it writes numbers and missing values, and its
/// parts (one per kind of file it sends; box office sends three).</summary>
public sealed record ProviderDeclaration(
    string? Name,
    string? Description,
    string? Format,
    string? JoinKey,
    string? Records,
    string? Delimiter,
    IReadOnlyList<string>? Nulls,
    string? Thousands,
    [property: JsonPropertyName("decimal")] string? DecimalMark,
    IReadOnlyList<PartDeclaration>? Parts);

/// <summary>One kind of file of a provider: which file names it is (<paramref name="Files"/>, a pattern with <c>*</c>
/// and <c>?</c>), and its columns.</summary>
public sealed record PartDeclaration(string? Name, string? Files, IReadOnlyList<ColumnDeclaration>? Columns);

/// <summary>One column of a file mapped to a canonical field (or to a key: <c>imdb_id</c>, <c>title</c>, <c>year</c>),
/// with how its values are written: <paramref name="Scale"/> multiplies numbers ("in millions": 1000000),
/// <paramref name="Fraction"/> reads percentages written as 0–1, <paramref name="OutOf"/> accepts "7.4/10",
/// <paramref name="Formats"/> are the date formats tried in order.</summary>
public sealed record ColumnDeclaration(string? From, string? To, double? Scale, bool? Fraction, double? OutOf, IReadOnlyList<string>? Formats);
