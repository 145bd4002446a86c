using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One film in <c>movies_unified</c>: audience, critic and box-office figures from OMDb and the source side by side, and the run that last refreshed it. Property order is column order.</summary>
public sealed record MoviesUnifiedRow
{
    [JsonPropertyName("imdb_id")]
    public string ImdbId { get; init; } = string.Empty;

    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    [JsonPropertyName("year")]
    public int? Year { get; init; }

    [JsonPropertyName("decade")]
    public int? Decade { get; init; }

    [JsonPropertyName("released")]
    public DateOnly? Released { get; init; }

    [JsonPropertyName("runtime_minutes")]
    public int? RuntimeMinutes { get; init; }

    [JsonPropertyName("rated")]
    public string? Rated { get; init; }

    [JsonPropertyName("genres")]
    public string? Genres { get; init; }

    [JsonPropertyName("directors")]
    public string? Directors { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("imdb_rating")]
    public double? ImdbRating { get; init; }

    [JsonPropertyName("imdb_votes")]
    public long? ImdbVotes { get; init; }

    [JsonPropertyName("rotten_tomatoes_percent")]
    public int? RottenTomatoesPercent { get; init; }

    [JsonPropertyName("metascore")]
    public int? Metascore { get; init; }

    [JsonPropertyName("domestic_gross_usd")]
    public long? DomesticGrossUsd { get; init; }

    [JsonPropertyName("worldwide_gross_usd")]
    public long? WorldwideGrossUsd { get; init; }

    [JsonPropertyName("production_budget_usd")]
    public long? ProductionBudgetUsd { get; init; }

    [JsonPropertyName("return_on_budget")]
    public double? ReturnOnBudget { get; init; }

    [JsonPropertyName("omdb_box_office_usd")]
    public long? OmdbBoxOfficeUsd { get; init; }

    [JsonPropertyName("source_imdb_rating")]
    public double? SourceImdbRating { get; init; }

    [JsonPropertyName("source_imdb_votes")]
    public long? SourceImdbVotes { get; init; }

    [JsonPropertyName("source_rotten_tomatoes_percent")]
    public int? SourceRottenTomatoesPercent { get; init; }

    [JsonPropertyName("source_genre")]
    public string? SourceGenre { get; init; }

    [JsonPropertyName("distributor")]
    public string? Distributor { get; init; }

    [JsonPropertyName("movie_key")]
    public string MovieKey { get; init; } = string.Empty;

    [JsonPropertyName("last_run_id")]
    public string LastRunId { get; init; } = string.Empty;

    [JsonPropertyName("last_refreshed_at")]
    public DateTime LastRefreshedAt { get; init; }
}
