using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Functions.Maintenance;

public sealed class MaintenanceOptions
{
    /// <summary>Orchestration history older than this many days is purged once it has ended.</summary>
    [ConfigurationKeyName("PURGE_AFTER_DAYS")]
    [Range(1, 3650)]
    public int PurgeAfterDays { get; set; } = 30;
}
