using System.Text.Json.Serialization;

namespace Movies.Pipeline.Silver;

/// <summary>One typed, validated movie of a run: OMDb's answer parsed into columns beside the source
/// row's own facts. The property order is the column order of <c>movies.parquet</c>.</summary>
public sealed record SilverMovie
{
    [JsonPropertyName("imdb_id")]
    public string ImdbId { get; init; } = string.Empty;

    [JsonPropertyName("movie_key")]
    public string MovieKey { get; init; } = string.Empty;

    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    [JsonPropertyName("year")]
    public int? Year { get; init; }

    [JsonPropertyName("released")]
    public DateOnly? Released { get; init; }

    [JsonPropertyName("runtime_minutes")]
    public int? RuntimeMinutes { get; init; }

    [JsonPropertyName("rated")]
    public string? Rated { get; init; }

    [JsonPropertyName("genres")]
    public List<string> Genres { get; init; } = [];

    [JsonPropertyName("directors")]
    public List<string> Directors { get; init; } = [];

    [JsonPropertyName("writers")]
    public List<string> Writers { get; init; } = [];

    [JsonPropertyName("actors")]
    public List<string> Actors { get; init; } = [];

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    [JsonPropertyName("country")]
    public string? Country { get; init; }

    [JsonPropertyName("awards")]
    public string? Awards { get; init; }

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

    [JsonPropertyName("source_title")]
    public string? SourceTitle { get; init; }

    [JsonPropertyName("source_us_gross_usd")]
    public long? SourceUsGrossUsd { get; init; }

    [JsonPropertyName("source_worldwide_gross_usd")]
    public long? SourceWorldwideGrossUsd { get; init; }

    [JsonPropertyName("source_production_budget_usd")]
    public long? SourceProductionBudgetUsd { get; init; }

    [JsonPropertyName("source_distributor")]
    public string? SourceDistributor { get; init; }

    [JsonPropertyName("source_genre")]
    public string? SourceGenre { get; init; }

    [JsonPropertyName("source_director")]
    public string? SourceDirector { get; init; }

    [JsonPropertyName("source_rotten_tomatoes_percent")]
    public int? SourceRottenTomatoesPercent { get; init; }

    [JsonPropertyName("source_imdb_rating")]
    public double? SourceImdbRating { get; init; }

    [JsonPropertyName("source_imdb_votes")]
    public long? SourceImdbVotes { get; init; }

    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = string.Empty;

    [JsonPropertyName("bronze_blob")]
    public string BronzeBlob { get; init; } = string.Empty;
}
