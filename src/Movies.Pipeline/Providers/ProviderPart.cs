using System.Text.RegularExpressions;

namespace Movies.Pipeline.Providers;

/// <summary>One kind of file of a provider, validated: the file-name pattern that picks it and its columns.</summary>
public sealed record ProviderPart(string Name, string Files, IReadOnlyList<ColumnMapping> Columns)
{
    private Regex? _pattern;

    /// <summary>The canonical fields (not keys) this part supplies, in column order.</summary>
    public IEnumerable<ColumnMapping> FieldColumns => Columns.Where(c => !ProviderKeys.IsKey(c.To));

    public ColumnMapping? ColumnFor(string to) => Columns.FirstOrDefault(c => c.To == to);

    /// <summary>True when a file name (the last segment of the landing blob) matches <see cref="Files"/>: <c>*</c> is any
    /// run of characters, <c>?</c> one character, the rest literal, case-insensitive.</summary>
    public bool Matches(string fileName)
    {
        _pattern ??= new Regex("^" + Regex.Escape(Files).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "\\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return _pattern.IsMatch(fileName);
    }
}
