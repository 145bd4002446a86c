using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>One run in <c>run_quality</c>: what it selected and fetched, what silver rejected and why, how complete its key columns are, and whether it passed the reject threshold.</summary>
public sealed record RunQualityRow
{
    [JsonPropertyName("run_id")]
    public string RunId { get; init; } = string.Empty;

    [JsonPropertyName("run_date")]
    public DateOnly RunDate { get; init; }

    [JsonPropertyName("started_at")]
    public DateTime StartedAt { get; init; }

    [JsonPropertyName("status")]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("failure_reason")]
    public string? FailureReason { get; init; }

    [JsonPropertyName("selected")]
    public int Selected { get; init; }

    [JsonPropertyName("fetched")]
    public int Fetched { get; init; }

    [JsonPropertyName("not_found")]
    public int NotFound { get; init; }

    [JsonPropertyName("failed")]
    public int Failed { get; init; }

    [JsonPropertyName("skipped")]
    public int Skipped { get; init; }

    [JsonPropertyName("silver_rows")]
    public int SilverRows { get; init; }

    [JsonPropertyName("rejected")]
    public int Rejected { get; init; }

    [JsonPropertyName("reject_rate_percent")]
    public double RejectRatePercent { get; init; }

    [JsonPropertyName("reject_threshold_percent")]
    public double RejectThresholdPercent { get; init; }

    [JsonPropertyName("rejected_missing_bronze")]
    public int RejectedMissingBronze { get; init; }

    [JsonPropertyName("rejected_unparsable_json")]
    public int RejectedUnparsableJson { get; init; }

    [JsonPropertyName("rejected_not_a_movie_answer")]
    public int RejectedNotAMovieAnswer { get; init; }

    [JsonPropertyName("rejected_missing_imdb_id")]
    public int RejectedMissingImdbId { get; init; }

    [JsonPropertyName("rejected_missing_title")]
    public int RejectedMissingTitle { get; init; }

    [JsonPropertyName("rejected_unparsable_value")]
    public int RejectedUnparsableValue { get; init; }

    [JsonPropertyName("rejected_year_out_of_range")]
    public int RejectedYearOutOfRange { get; init; }

    [JsonPropertyName("rejected_rating_out_of_range")]
    public int RejectedRatingOutOfRange { get; init; }

    [JsonPropertyName("rejected_negative_money")]
    public int RejectedNegativeMoney { get; init; }

    [JsonPropertyName("rejected_duplicate_imdb_id")]
    public int RejectedDuplicateImdbId { get; init; }

    [JsonPropertyName("null_rate_year")]
    public double? NullRateYear { get; init; }

    [JsonPropertyName("null_rate_released")]
    public double? NullRateReleased { get; init; }

    [JsonPropertyName("null_rate_runtime")]
    public double? NullRateRuntime { get; init; }

    [JsonPropertyName("null_rate_genres")]
    public double? NullRateGenres { get; init; }

    [JsonPropertyName("null_rate_imdb_rating")]
    public double? NullRateImdbRating { get; init; }

    [JsonPropertyName("null_rate_rotten_tomatoes")]
    public double? NullRateRottenTomatoes { get; init; }

    [JsonPropertyName("null_rate_metascore")]
    public double? NullRateMetascore { get; init; }

    [JsonPropertyName("null_rate_worldwide_gross")]
    public double? NullRateWorldwideGross { get; init; }

    [JsonPropertyName("null_rate_budget")]
    public double? NullRateBudget { get; init; }
}
