using System.Globalization;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Bronze;

/// <summary>Names in the bronze container: <c>{yyyy}/{MM}/{dd}/{runId}/{movieKey}.json</c>, and beside the
/// movies the run's own files, whose names start with '_' (no movie key can).</summary>
public static class BronzePaths
{
    public const string ManifestFileName = "_manifest.json";

    public static string RunFolder(DateOnly runDate, string runId)
        => string.Create(CultureInfo.InvariantCulture, $"{runDate:yyyy'/'MM'/'dd}/{runId}");

    public static string Movie(string runFolder, string movieKey) => $"{runFolder}/{movieKey}.json";

    public static string Manifest(string runFolder) => $"{runFolder}/{ManifestFileName}";

    public static string RunInfo(string runFolder) => $"{runFolder}/_run.json";

    /// <summary>The lock blob whose lease claims the run while its plan is written.</summary>
    public static string RunLock(string runFolder) => $"{runFolder}/_run.lock";

    public static string BatchPlan(string runFolder, int batch)
        => string.Create(CultureInfo.InvariantCulture, $"{runFolder}/_batches/{batch:D4}.plan.json");

    public static string BatchOutcome(string runFolder, int batch)
        => string.Create(CultureInfo.InvariantCulture, $"{runFolder}/_batches/{batch:D4}.outcome.json");

    /// <summary>The outcomes of the movies the select step answered from the cache (cached, or not found within
    /// NOT_FOUND_RETRY_DAYS): they are in no batch.</summary>
    public static string CachedOutcomes(string runFolder) => $"{runFolder}/_cached.json";

    /// <summary>Where one attempt of a batch keeps the outcomes it decided without a bronze blob (not found,
    /// failed), one blob per movie, so a retry of that attempt does not look them up again.</summary>
    public static string DecidedOutcomes(string runFolder, int batch, string attempt)
        => string.Create(CultureInfo.InvariantCulture, $"{runFolder}/_batches/{batch:D4}.{attempt}/");

    /// <summary>The prefix every file of a batch starts with: its plan, outcome and every attempt's decided outcomes.</summary>
    public static string BatchFiles(string runFolder, int batch)
        => string.Create(CultureInfo.InvariantCulture, $"{runFolder}/_batches/{batch:D4}.");

    public static string DecidedOutcome(string runFolder, int batch, string attempt, string movieKey)
        => $"{DecidedOutcomes(runFolder, batch, attempt)}{movieKey}.json";

    /// <summary>True for a run manifest: <c>_manifest.json</c> directly inside a run folder (<c>{yyyy}/{MM}/{dd}/{runId}</c>),
    /// and nothing else that ends so (a provider file landed as <c>_manifest.json</c> is never one).</summary>
    public static bool IsManifest(string name)
        => name.EndsWith("/" + ManifestFileName, StringComparison.Ordinal) && LakeNames.IsRunFolder(RunFolderOf(name));

    /// <summary>True for a movie record of a run: <c>{runFolder}/{movieKey}.json</c>, where a movie key never starts with '_'
    /// (the run's own files do).</summary>
    public static bool IsMovie(string name, string movieKey)
    {
        var slash = name.LastIndexOf('/');
        return slash > 0 && LakeNames.IsRunFolder(name[..slash]) && !movieKey.StartsWith('_') && name[(slash + 1)..] == movieKey + ".json";
    }

    /// <summary>The run folder of a manifest blob name.</summary>
    public static string RunFolderOf(string manifestName) => manifestName[..^(ManifestFileName.Length + 1)];
}
