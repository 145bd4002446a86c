using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One provider in <c>provider_coverage</c>: the silver version gold joined (its current files), how many of
/// its rows matched a film and how (imdbID, or title + year), how many did not, and how many of gold's films it covers.</summary>
public sealed record ProviderCoverageRow
{
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = string.Empty;

    /// <summary>The version of the provider's current silver joined (0: no file yet).</summary>
    [JsonPropertyName("silver_version")]
    public long SilverVersion { get; init; }

    /// <summary>The arrival ids of the current file of each part, by part: <c>part=arrivalId; …</c>.</summary>
    [JsonPropertyName("current_files")]
    public string? CurrentFiles { get; init; }

    [JsonPropertyName("rows")]
    public int Rows { get; init; }

    [JsonPropertyName("matched_by_imdb_id")]
    public int MatchedByImdbId { get; init; }

    [JsonPropertyName("matched_by_title_year")]
    public int MatchedByTitleYear { get; init; }

    [JsonPropertyName("unmatched")]
    public int Unmatched { get; init; }

    /// <summary>Matched rows as a share of the provider's rows.</summary>
    [JsonPropertyName("join_rate_percent")]
    public double? JoinRatePercent { get; init; }

    [JsonPropertyName("films")]
    public int Films { get; init; }

    /// <summary>Gold's films that a row of this provider matched, as a share of all of them.</summary>
    [JsonPropertyName("film_coverage_percent")]
    public double? FilmCoveragePercent { get; init; }
}
