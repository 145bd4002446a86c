namespace Movies.Pipeline.Gold;

/// <summary>Names in the gold container: <c>latest/{table}.parquet|csv</c>, the current state Power BI
/// reads, with <c>latest/_version.json</c> written last by each promotion; <c>history/{yyyy}/{MM}/{dd}/{runId}/</c>,
/// each run's copy; and the commit's own <c>_commit.lock</c> (the lease promotions take) and <c>_commit.json</c>
/// (the version being published, for repair after a crash).</summary>
public static class GoldPaths
{
    public const string MoviesUnified = "movies_unified";
    public const string MovieHistory = "movie_history";
    public const string GenreSummary = "genre_summary";
    public const string DecadeSummary = "decade_summary";
    public const string DirectorSummary = "director_summary";
    public const string RunQuality = "run_quality";

    /// <summary>The films as the daily runs give them (source and OMDb), before providers are joined: the committed
    /// base that <see cref="MoviesUnified"/> is rebuilt from when a provider file arrives without a run.</summary>
    public const string MoviesEnriched = "movies_enriched";

    public const string UnmatchedProviderRows = "unmatched_provider_rows";

    public const string ProviderCoverage = "provider_coverage";

    /// <summary>The tables the providers add to every gold version.</summary>
    public static IReadOnlyList<string> ProviderTables { get; } = [MoviesEnriched, UnmatchedProviderRows, ProviderCoverage];

    public static IReadOnlyList<string> Tables { get; } = [MoviesUnified, MovieHistory, GenreSummary, DecadeSummary, DirectorSummary, RunQuality];

    public const string LatestFolder = "latest";

    /// <summary>The version marker, written last: see <see cref="GoldVersion"/>.</summary>
    public const string LatestVersion = "latest/_version.json";

    public const string CommitLock = "_commit.lock";

    public const string PendingVersion = "_commit.json";

    public static string Latest(string table, string extension) => $"{LatestFolder}/{table}.{extension}";

    public static string History(string runFolder, string table, string extension) => $"history/{runFolder}/{table}.{extension}";

    public static string HistoryManifest(string runFolder) => $"history/{runFolder}/_manifest.json";

    /// <summary>The history copy of a file a version published: <c>latest/x.parquet</c> of <paramref name="runFolder"/>
    /// is <c>history/{runFolder}/x.parquet</c>; any other name (<c>reports/latest.html</c>) keeps its path under
    /// <c>history/{runFolder}/</c>.</summary>
    public static string HistoryOf(string runFolder, string latestName)
    {
        ArgumentNullException.ThrowIfNull(latestName);
        return latestName.StartsWith(LatestFolder + "/", StringComparison.Ordinal)
            ? $"history/{runFolder}/{latestName[(LatestFolder.Length + 1)..]}"
            : $"history/{runFolder}/{latestName}";
    }
}
