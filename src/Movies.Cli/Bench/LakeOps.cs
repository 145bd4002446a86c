namespace Movies.Cli.Bench;

/// <summary>Storage operations on one container: reads (download, exists), writes (upload and every other
/// change) and listing pages (one per 5,000 names, as a blob listing page holds).</summary>
public sealed record LakeOps(long Reads, long Writes, long Lists)
{
    public long Total => Reads + Writes + Lists;
}
