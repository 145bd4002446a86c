namespace Movies.Pipeline.Providers;

/// <summary>The key columns every provider table has, and the two ways a provider's rows join films.</summary>
public static class ProviderKeys
{
    public const string ImdbId = "imdb_id";
    public const string Title = "title";
    public const string Year = "year";

    /// <summary>The normalised title (<see cref="TitleKeys"/>) rows join on when they have no imdbID.</summary>
    public const string TitleKeyColumn = "title_key";

    /// <summary>Where each row came from: <c>{arrivalId}:{row}</c>, joined by "; " when parts merge.</summary>
    public const string SourceRowsColumn = "source_rows";

    /// <summary>Join key: imdbID first (rows without one fall back to title + year).</summary>
    public const string JoinByImdbId = "imdb_id";

    /// <summary>Join key: the normalised title and the year.</summary>
    public const string JoinByTitleYear = "title_year";

    public static bool IsKey(string name) => name is ImdbId or Title or Year;

    /// <summary>Names no canonical field may take: the keys and the columns every provider table has.</summary>
    public static bool IsReserved(string name) => IsKey(name) || name is TitleKeyColumn or SourceRowsColumn;
}
