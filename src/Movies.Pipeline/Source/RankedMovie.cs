namespace Movies.Pipeline.Source;

public sealed record RankedMovie(int Rank, double WeightedRating, string MovieKey, SourceMovie Movie);
