namespace Movies.Pipeline.Lake;

/// <summary>The lake: named containers of blobs. Blob storage in Azure and Azurite, a folder locally.</summary>
public interface ILakeStore
{
    /// <summary>Uploads a blob. With <paramref name="overwrite"/> false the write is create-only and
    /// returns false when the blob already exists, so concurrent writers never clobber each other.</summary>
    Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default);

    /// <summary>Downloads a blob, or returns null when it does not exist.</summary>
    Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading as it is consumed (a large blob is never held whole in memory), or returns
    /// null when it does not exist. One read operation, like <see cref="DownloadAsync"/>.</summary>
    Task<Stream?> ReadStreamAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Writes a blob, overwriting it, from what <paramref name="write"/> writes to the stream it is given (the
    /// lake's; not to be disposed): a large blob is never held whole in memory (the folder lake writes the file as it
    /// comes, the blob lake spools it to a local temporary file and uploads it in blocks). The blob appears whole once
    /// <paramref name="write"/> ends, never partly written; when <paramref name="write"/> throws, nothing is written.
    /// Concurrent writers of one blob all succeed, the last to finish standing, as with <see cref="UploadAsync"/>. One
    /// write operation, like <see cref="UploadAsync"/>.</summary>
    Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default);

    /// <summary>Names of the blobs under a prefix, in ordinal order.</summary>
    IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, CancellationToken cancellationToken = default);

    /// <summary>The names and current versions of the blobs under a prefix, in ordinal order, without their content: one
    /// listing, as <see cref="GetNamesAsync"/> (the folder lake hashes each file, as its versions are content hashes).</summary>
    IAsyncEnumerable<LakeBlobVersion> GetVersionsAsync(string container, string prefix, CancellationToken cancellationToken = default);

    /// <summary>Downloads a blob with the version it was read at, or returns null when it does not exist.</summary>
    Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Writes a blob only if it is still at <paramref name="ifVersion"/> (from
    /// <see cref="DownloadWithVersionAsync"/>), or with a null version only if it does not exist. Returns false,
    /// writing nothing, when another writer got there first: read again, recompute and retry
    /// (<see cref="LakeStoreConditionalExtensions.UpdateAsync"/> does that).</summary>
    Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; with <paramref name="ifVersion"/> (from <see cref="DownloadWithVersionAsync"/>) only if it
    /// is still at that version, so a newer upload under the same name is never deleted unseen. Returns false when the
    /// blob does not exist or has changed.</summary>
    Task<bool> DeleteAsync(string container, string name, string? ifVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Takes the exclusive lease named by <paramref name="container"/>/<paramref name="name"/> (a lock
    /// blob, created empty when missing and never written), waiting up to <paramref name="wait"/>
    /// (<see cref="LakeLeases.DefaultWait"/> when null) while another holder has it; then throws
    /// <see cref="LakeLeaseTimeoutException"/>. Dispose the lease to release it.</summary>
    Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default);
}
