namespace Movies.Cli.Bench;

/// <summary>Which of the caller's environment reaches the processes the bench starts. The bench decides
/// where they read and write (lake, source, OMDb), so those settings are removed; the tuning settings a
/// user exported (concurrency, batch size, retries, timeouts) pass through and are reported, so a figure
/// never silently hides a tuned run. Unset, the engine runs on its defaults.</summary>
public static class BenchSettings
{
    /// <summary>Settings the bench sets itself, or that would point a child somewhere else.</summary>
    public static IReadOnlyList<string> Owned { get; } =
    [
        "LAKE_PATH", "LakeStorage", "LakeStorage__blobServiceUri", "LakeStorage__credential", "LakeStorage__clientId",
        "SOURCE_PATH", "SOURCE_BLOB", "TOP_N", "OMDB_BASE_URL", "OMDB_API_KEY", "OMDB_OFFLINE_CATALOG", "KEY_VAULT_URI", "OMDB_DAILY_LIMIT",
        "OMDB_SECRET_NAME", "SERVICEBUS_NAMESPACE", "SERVICEBUS_TOPIC", "REJECT_THRESHOLD_PERCENT", BenchProbe.Variable,
    ];

    /// <summary>Settings that change how fast a run goes.</summary>
    public static IReadOnlyList<string> Tuning { get; } =
        ["OMDB_MAX_CONCURRENCY", "OMDB_TIMEOUT_SECONDS", "OMDB_QUOTA_BLOCK", "REFRESH_AFTER_DAYS", "NOT_FOUND_RETRY_DAYS", "BATCH_SIZE", "MAX_PARALLEL_BATCHES", "MAX_RETRIES", "BASE_DELAY_SECONDS", "MIN_VOTES"];

    /// <summary>The environment changes for a child: every owned setting removed, then <paramref name="set"/> applied.</summary>
    public static Dictionary<string, string?> ForChild(IReadOnlyDictionary<string, string?>? set = null)
    {
        var environment = Owned.ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        foreach (var (name, value) in set ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The tuning settings the caller's environment sets: empty when the engine runs on its defaults.</summary>
    public static IReadOnlyDictionary<string, string> Overrides()
        => Tuning.Where(name => Environment.GetEnvironmentVariable(name) is { Length: > 0 })
            .ToDictionary(name => name, name => Environment.GetEnvironmentVariable(name)!, StringComparer.Ordinal);
}
