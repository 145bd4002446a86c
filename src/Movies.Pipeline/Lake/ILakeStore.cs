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

    /// <summary>Names of the blobs under a prefix, in ordinal order.</summary>
    IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, CancellationToken cancellationToken = default);
}
