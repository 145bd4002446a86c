using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Movies.Cli.Sql;

/// <summary>The limits of <c>movies sql</c> (CLI settings; the Functions app runs no SQL).</summary>
public sealed class SqlOptions
{
    /// <summary>Longest a query may run, reading its results included; then it is stopped and says so. 0: no limit.</summary>
    [ConfigurationKeyName("SQL_TIMEOUT_SECONDS")]
    [Range(0, 86_400)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>DuckDB's memory limit; beyond it a query spills to its private temporary folder, which may hold at most
    /// <see cref="TempLimitFactor"/> times as much, and then fails with DuckDB's reason.</summary>
    [ConfigurationKeyName("SQL_MEMORY_LIMIT_MB")]
    [Range(64, 1_048_576)]
    public int MemoryLimitMb { get; set; } = 1024;

    /// <summary>How much a query may spill to disk, as a multiple of its memory limit.</summary>
    public const int TempLimitFactor = 4;

    /// <summary>DuckDB threads: the cores, at most 4 (each thread holds its own buffers within the memory limit).</summary>
    public static int Threads => Math.Clamp(Environment.ProcessorCount, 1, 4);

    public TimeSpan? Timeout => TimeoutSeconds == 0 ? null : TimeSpan.FromSeconds(TimeoutSeconds);
}
