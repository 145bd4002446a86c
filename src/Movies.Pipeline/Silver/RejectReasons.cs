namespace Movies.Pipeline.Silver;

/// <summary>Why a bronze record did not reach silver. Stable codes: gold's run quality has a column per code.</summary>
public static class RejectReasons
{
    public const string MissingBronze = "missing_bronze";
    public const string UnparsableJson = "unparsable_json";
    public const string NotAMovieAnswer = "not_a_movie_answer";
    public const string MissingImdbId = "missing_imdb_id";
    public const string MissingTitle = "missing_title";
    public const string UnparsableValue = "unparsable_value";
    public const string YearOutOfRange = "year_out_of_range";
    public const string RatingOutOfRange = "rating_out_of_range";
    public const string NegativeMoney = "negative_money";
    public const string DuplicateImdbId = "duplicate_imdb_id";

    public static IReadOnlyList<string> All { get; } =
        [MissingBronze, UnparsableJson, NotAMovieAnswer, MissingImdbId, MissingTitle, UnparsableValue, YearOutOfRange, RatingOutOfRange, NegativeMoney, DuplicateImdbId];
}
