namespace Movies.Pipeline.Lake;

/// <summary>Makes strings of a column chunk's values, one per distinct value while values repeat. Parquet.Net writes
/// text plainly (no dictionary pages), so repeats are found here: the first <see cref="Probe"/> values are looked up;
/// if most of them were new (titles, ids) the column stops looking and makes one string per value, otherwise (ratings,
/// languages, genres, run ids) every repeat is the string made the first time. The strings are the same either way;
/// pooling only spares the memory and the collector's work.</summary>
internal sealed class TextValues
{
    /// <summary>Values looked up before deciding whether a column repeats.</summary>
    internal const int Probe = 1024;

    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? _seen
        = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private int _looked;

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (_seen is not { } seen)
        {
            return new string(value);
        }

        if (!seen.TryGetValue(value, out var text))
        {
            text = new string(value);
            seen.Dictionary.Add(text, text);
        }

        if (++_looked == Probe && seen.Dictionary.Count > Probe / 2)
        {
            _seen = null;
        }

        return text;
    }
}
