namespace Movies.Pipeline.Lake;

/// <summary>A blob's content and the version it was read at (an ETag on blob storage; on the folder lake the content's
/// hash and the file's write time), for a conditional write back with <see cref="ILakeStore.UploadIfVersionAsync"/>.</summary>
public sealed record LakeBlob(BinaryData Content, string Version);
