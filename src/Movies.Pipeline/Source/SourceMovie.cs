using System.Text;

namespace Movies.Pipeline.Source;

/// <summary>One usable row of the source dataset: the fields ranking and lookup need, and the row as
/// it was (<paramref name="Row"/>, its UTF-8 bytes in the source), which travels to bronze untouched.</summary>
public sealed record SourceMovie(int Index, string Title, int? Year, double? ImdbRating, int? ImdbVotes, ReadOnlyMemory<byte> Row)
{
    /// <summary>The row as it was, as text: made when asked (a planned batch's movies), not held for every row.</summary>
    public string RowJson => Encoding.UTF8.GetString(Row.Span);
}
