using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One director in <c>director_summary</c>; a film with several directors counts for each.</summary>
public sealed record DirectorSummaryRow
{
    [JsonPropertyName("director")]
    public string Director { get; init; } = string.Empty;

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
