namespace Movies.Pipeline.Gold;

/// <summary>Names in the gold container: <c>latest/{table}.parquet|csv</c>, the current state Power BI
/// reads, and <c>history/{yyyy}/{MM}/{dd}/{runId}/</c>, each run's copy.</summary>
public static class GoldPaths
{
    public const string MoviesUnified = "movies_unified";
    public const string GenreSummary = "genre_summary";
    public const string DecadeSummary = "decade_summary";
    public const string DirectorSummary = "director_summary";
    public const string RunQuality = "run_quality";

    public static IReadOnlyList<string> Tables { get; } = [MoviesUnified, GenreSummary, DecadeSummary, DirectorSummary, RunQuality];

    public const string LatestFolder = "latest";

    public static string Latest(string table, string extension) => $"{LatestFolder}/{table}.{extension}";

    public static string History(string runFolder, string table, string extension) => $"history/{runFolder}/{table}.{extension}";

    public static string HistoryManifest(string runFolder) => $"history/{runFolder}/_manifest.json";
}
