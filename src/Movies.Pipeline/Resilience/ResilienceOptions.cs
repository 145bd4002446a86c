using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Resilience;

/// <summary>The two settings every external call retries by: storage, OMDb, Key Vault, Service Bus.</summary>
public sealed class ResilienceOptions
{
    [ConfigurationKeyName("MAX_RETRIES")]
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    [ConfigurationKeyName("BASE_DELAY_SECONDS")]
    [Range(0.0, 60.0)]
    public double BaseDelaySeconds { get; set; } = 2;

    /// <summary>0 is valid: retries follow at once (Polly, Azure.Core clients and the step retries take it).</summary>
    public TimeSpan BaseDelay => TimeSpan.FromSeconds(BaseDelaySeconds);

    /// <summary>The shortest delay a client that refuses zero accepts (Service Bus: 1 ms).</summary>
    public static readonly TimeSpan MinimumPositiveDelay = TimeSpan.FromMilliseconds(1);

    /// <summary><see cref="BaseDelay"/>, at least <see cref="MinimumPositiveDelay"/>, for clients that need a positive delay.</summary>
    public TimeSpan PositiveBaseDelay => BaseDelay < MinimumPositiveDelay ? MinimumPositiveDelay : BaseDelay;

    /// <summary>The longest backoff between two tries (OMDb's Retry-After has its own cap, OMDB_MAX_RETRY_AFTER_SECONDS).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}
