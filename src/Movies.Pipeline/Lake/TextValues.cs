using Parquet;
using Parquet.Schema;

namespace Movies.Pipeline.Lake;

/// <summary>Makes strings of a column chunk's values: one per distinct value when the chunk is dictionary-encoded
/// (the writer found few distinct values), else one per value without the cost of looking each up.</summary>
internal sealed class TextValues
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>? _seen;

    private TextValues(bool distinct)
        => _seen = distinct ? new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>() : null;

    public static TextValues For(ParquetRowGroupReader reader, DataField field)
        => new(reader.GetMetadata(field)?.MetaData?.DictionaryPageOffset is not null);

    public string Get(ReadOnlySpan<char> value)
    {
        if (_seen is not { } seen)
        {
            return value.IsEmpty ? string.Empty : new string(value);
        }

        if (!seen.TryGetValue(value, out var text))
        {
            text = new string(value);
            seen.Dictionary.Add(text, text);
        }

        return text;
    }
}
