using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One decade in <c>decade_summary</c> (1990 for the 1990s).</summary>
public sealed record DecadeSummaryRow
{
    [JsonPropertyName("decade")]
    public int Decade { get; init; }

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
