using System.Globalization;

namespace Movies.Pipeline.Enrichment;

/// <summary>The enrichment state every run shares, in the bronze container beside the run folders (names start with
/// '_', which no date folder does): the answer cache's shards, the quota ledger per UTC day and the deferred queue.</summary>
public static class EnrichmentPaths
{
    public const string Folder = "_enrichment";

    public static string CacheShard(int shard)
        => string.Create(CultureInfo.InvariantCulture, $"{Folder}/cache/{shard:x2}.json");

    public static string Quota(DateOnly day)
        => string.Create(CultureInfo.InvariantCulture, $"{Folder}/quota/{day:yyyy'-'MM'-'dd}.json");

    public static string DeferredQueue => $"{Folder}/deferred.json";
}
