using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Enrichment;

public sealed class OmdbClientOptions
{
    [ConfigurationKeyName("OMDB_BASE_URL")]
    [Required]
    public string BaseUrl { get; set; } = "https://www.omdbapi.com/";

    /// <summary>OMDb calls in flight at once, per process.</summary>
    [ConfigurationKeyName("OMDB_MAX_CONCURRENCY")]
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Time allowed to one attempt; a slower answer counts as a transient failure.</summary>
    [ConfigurationKeyName("OMDB_TIMEOUT_SECONDS")]
    [Range(0.01, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Requests the key may make a UTC day (1,000 on OMDb's free tier), counted for every run and process
    /// in the lake's quota ledger (<see cref="OmdbQuota"/>); movies past it are deferred to the next run. 0: no limit
    /// and no ledger (a key without one, or a stand-in).</summary>
    [ConfigurationKeyName("OMDB_DAILY_LIMIT")]
    [Range(0, int.MaxValue)]
    public int DailyLimit { get; set; } = 1000;

    /// <summary>Requests a process reserves from the ledger at once: one conditional write per block rather than per
    /// request, so concurrent batches and processes rarely contend. At most one block per process and day goes unused.</summary>
    [ConfigurationKeyName("OMDB_QUOTA_BLOCK")]
    [Range(1, 10_000)]
    public int QuotaBlock { get; set; } = 20;

    /// <summary>The longest Retry-After honoured: a 429 or 503 asking for a longer wait stops the run as a quota
    /// answer would, so no run waits longer than its own retry budget (MAX_RETRIES waits of at most this).</summary>
    [ConfigurationKeyName("OMDB_MAX_RETRY_AFTER_SECONDS")]
    [Range(0, 86400)]
    public double MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>The largest OMDb answer read; a longer one (real answers are a few kB) fails its movie unread.</summary>
    [ConfigurationKeyName("OMDB_MAX_BODY_BYTES")]
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    public TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(MaxRetryAfterSeconds);

    /// <summary>A local catalog of OMDb answers to serve instead of the network (the bundled sample).</summary>
    [ConfigurationKeyName("OMDB_OFFLINE_CATALOG")]
    public string? OfflineCatalog { get; set; }
}
