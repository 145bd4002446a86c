namespace Movies.Pipeline.Gold;

/// <summary>Why a provider row matched no film. The join is exact (imdbID, or normalised title and year): it never
/// guesses, and says what it saw instead.</summary>
public static class UnmatchedReasons
{
    /// <summary>The row's imdbID is not a film in gold.</summary>
    public const string UnknownImdbId = "unknown_imdb_id";

    /// <summary>No film has the row's normalised title and year (the detail names the years of films with that title).</summary>
    public const string UnknownTitleYear = "unknown_title_year";

    /// <summary>Several films have the row's normalised title and year: none is chosen.</summary>
    public const string AmbiguousTitleYear = "ambiguous_title_year";

    /// <summary>Another row of the same provider matched the film first (by imdbID, or earlier in key order).</summary>
    public const string FilmAlreadyMatched = "film_already_matched";

    public static IReadOnlyList<string> All { get; } = [UnknownImdbId, UnknownTitleYear, AmbiguousTitleYear, FilmAlreadyMatched];
}
