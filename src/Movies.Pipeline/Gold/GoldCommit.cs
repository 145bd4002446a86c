namespace Movies.Pipeline.Gold;

/// <summary>What a commit published: the version now in <c>gold/latest</c>, and how many blobs it wrote
/// (0 when the same run's tables were already published as they are).</summary>
public sealed record GoldCommit(GoldVersion Version, int FilesWritten);
