using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One version of a film's tracked facts in <c>movie_history</c> (SCD type 2): the facts, the time they
/// became true (<c>valid_from</c>, the start of the run that first saw them) and stopped being true
/// (<c>valid_to</c>, the start of the run that saw them change; null while current), and the run that first saw
/// them. <c>box_office_usd</c> is OMDb's BoxOffice, the figure that moves while a film is out.</summary>
public sealed record MovieHistoryRow
{
    [JsonPropertyName("imdb_id")]
    public string ImdbId { get; init; } = string.Empty;

    [JsonPropertyName("imdb_rating")]
    public double? ImdbRating { get; init; }

    [JsonPropertyName("imdb_votes")]
    public long? ImdbVotes { get; init; }

    [JsonPropertyName("metascore")]
    public int? Metascore { get; init; }

    [JsonPropertyName("rotten_tomatoes_percent")]
    public int? RottenTomatoesPercent { get; init; }

    [JsonPropertyName("box_office_usd")]
    public long? BoxOfficeUsd { get; init; }

    [JsonPropertyName("valid_from")]
    public DateTime ValidFrom { get; init; }

    [JsonPropertyName("valid_to")]
    public DateTime? ValidTo { get; init; }

    [JsonPropertyName("is_current")]
    public bool IsCurrent { get; init; }

    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = string.Empty;

    /// <summary>True when <paramref name="film"/> has exactly this version's facts.</summary>
    public bool HasFactsOf(MoviesUnifiedRow film)
    {
        ArgumentNullException.ThrowIfNull(film);
        return Nullable.Equals(ImdbRating, film.ImdbRating) && ImdbVotes == film.ImdbVotes && Metascore == film.Metascore
            && RottenTomatoesPercent == film.RottenTomatoesPercent && BoxOfficeUsd == film.OmdbBoxOfficeUsd;
    }

    /// <summary>A current version of <paramref name="film"/>'s facts, from the run that refreshed it.</summary>
    public static MovieHistoryRow CurrentOf(MoviesUnifiedRow film)
    {
        ArgumentNullException.ThrowIfNull(film);
        return new MovieHistoryRow
        {
            ImdbId = film.ImdbId,
            ImdbRating = film.ImdbRating,
            ImdbVotes = film.ImdbVotes,
            Metascore = film.Metascore,
            RottenTomatoesPercent = film.RottenTomatoesPercent,
            BoxOfficeUsd = film.OmdbBoxOfficeUsd,
            ValidFrom = film.LastRefreshedAt,
            ValidTo = null,
            IsCurrent = true,
            RunId = film.LastRunId,
        };
    }
}
