namespace Movies.Pipeline.Source;

/// <summary>One usable row of the source dataset: the fields ranking and lookup need, and the row as
/// it was, which travels to bronze untouched.</summary>
public sealed record SourceMovie(int Index, string Title, int? Year, double? ImdbRating, int? ImdbVotes, string RowJson);
