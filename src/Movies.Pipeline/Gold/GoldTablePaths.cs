using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

public static class GoldTablePaths
{
    /// <summary>The lake paths of the latest Parquet tables a gold build wrote, for gold_published events.</summary>
    public static IReadOnlyList<string> LatestParquet(GoldResult result)
        => result.TableRows.Keys.Order(StringComparer.Ordinal).Select(t => $"{LakeContainers.Gold}/{GoldPaths.Latest(t, "parquet")}").ToList();
}
