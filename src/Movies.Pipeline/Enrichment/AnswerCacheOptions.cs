using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Enrichment;

/// <summary>How long an OMDb answer is reused across runs (<see cref="AnswerCache"/>) before the film is looked up again.</summary>
public sealed class AnswerCacheOptions
{
    /// <summary>A film found within this many days is not looked up again: its run takes the answer from the earlier
    /// run's bronze. 0: every run looks every film up.</summary>
    [ConfigurationKeyName("REFRESH_AFTER_DAYS")]
    [Range(0, 3650)]
    public double RefreshAfterDays { get; set; } = 7;

    /// <summary>A film OMDb did not find is not asked for again within this many days. 0: asked every run.</summary>
    [ConfigurationKeyName("NOT_FOUND_RETRY_DAYS")]
    [Range(0, 3650)]
    public double NotFoundRetryDays { get; set; } = 30;

    public TimeSpan RefreshAfter => TimeSpan.FromDays(RefreshAfterDays);

    public TimeSpan NotFoundRetry => TimeSpan.FromDays(NotFoundRetryDays);
}
