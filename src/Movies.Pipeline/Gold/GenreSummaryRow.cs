using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One genre in <c>genre_summary</c>; a film with several genres counts in each.</summary>
public sealed record GenreSummaryRow
{
    [JsonPropertyName("genre")]
    public string Genre { get; init; } = string.Empty;

    [JsonPropertyName("films")]
    public int Films { get; init; }

    [JsonPropertyName("mean_imdb_rating")]
    public double? MeanImdbRating { get; init; }

    [JsonPropertyName("mean_rotten_tomatoes_percent")]
    public double? MeanRottenTomatoesPercent { get; init; }

    [JsonPropertyName("mean_metascore")]
    public double? MeanMetascore { get; init; }

    [JsonPropertyName("total_worldwide_gross_usd")]
    public long TotalWorldwideGrossUsd { get; init; }

    [JsonPropertyName("median_worldwide_gross_usd")]
    public double? MedianWorldwideGrossUsd { get; init; }
}
