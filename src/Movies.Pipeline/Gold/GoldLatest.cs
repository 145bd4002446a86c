namespace Movies.Pipeline.Gold;

/// <summary>The latest gold files of one published version, as <see cref="GoldLatestReader"/> read them:
/// <paramref name="Tables"/> maps each table name to its file's bytes. <paramref name="Version"/> is null for a
/// lake written before version markers; <paramref name="ContentHash"/> identifies the content either way.</summary>
public sealed record GoldLatest(GoldVersion? Version, string ContentHash, IReadOnlyDictionary<string, BinaryData> Tables);
