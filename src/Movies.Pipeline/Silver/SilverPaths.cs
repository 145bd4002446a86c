using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Silver;

/// <summary>Names in the silver container: <c>{yyyy}/{MM}/{dd}/{runId}/</c>, the same run folder as bronze.</summary>
public static class SilverPaths
{
    public const int SchemaVersion = 1;
    public const string ManifestFileName = "_manifest.json";

    public static string Movies(string runFolder) => $"{runFolder}/movies.parquet";

    public static string Rejects(string runFolder) => $"{runFolder}/rejects.jsonl";

    public static string Manifest(string runFolder) => $"{runFolder}/{ManifestFileName}";

    /// <summary>True for a run's silver manifest: <c>_manifest.json</c> directly inside a run folder, nothing else.</summary>
    public static bool IsManifest(string name)
        => name.EndsWith("/" + ManifestFileName, StringComparison.Ordinal) && LakeNames.IsRunFolder(RunFolderOf(name));

    public static string RunFolderOf(string manifestName) => manifestName[..^(ManifestFileName.Length + 1)];
}
