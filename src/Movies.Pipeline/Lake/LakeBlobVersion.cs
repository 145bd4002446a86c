namespace Movies.Pipeline.Lake;

/// <summary>A blob's name and its current version (as <see cref="LakeBlob.Version"/>), from a listing: what a fenced
/// write (<see cref="LeaseFence"/>) is conditional on, read without the blob's content.</summary>
public sealed record LakeBlobVersion(string Name, string Version);
