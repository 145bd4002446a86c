namespace Movies.Cli;

/// <summary>The bundled sample, copied beside the CLI at build time.</summary>
public static class SampleData
{
    public const string OfflineKey = "offline-sample";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "sample");

    public static void Apply(Dictionary<string, string?> settings)
    {
        settings["SOURCE_PATH"] ??= Path.Combine(Folder, "movies.json");
        settings["OMDB_OFFLINE_CATALOG"] = Path.Combine(Folder, "omdb-catalog.json");
        // The offline catalog, like OMDb, wants some key; the sample needs no real one.
        settings["OMDB_API_KEY"] = Environment.GetEnvironmentVariable("OMDB_API_KEY") is { Length: > 0 } key ? key : OfflineKey;
    }
}
