using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Pipeline.Gold;

public sealed class GoldOptions
{
    /// <summary>A run whose silver rejects exceed this share of its fetched records is marked failed in
    /// run_quality (what is valid is still published).</summary>
    [ConfigurationKeyName("REJECT_THRESHOLD_PERCENT")]
    [Range(0d, 100d)]
    public double RejectThresholdPercent { get; set; } = 20;
}
