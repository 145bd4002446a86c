using Movies.Pipeline.Lake;

namespace Movies.Testing;

/// <summary>A real lake passed through, for test decorators that change one operation (a crash, a lost answer)
/// and forward the rest as they are.</summary>
public abstract class DelegatingLakeStore(ILakeStore inner) : ILakeStore
{
    protected ILakeStore Inner => inner;

    public virtual Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
        => inner.UploadAsync(container, name, content, overwrite, cancellationToken);

    public virtual Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        => inner.UploadIfVersionAsync(container, name, content, ifVersion, cancellationToken);

    public virtual Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default)
        => inner.DownloadAsync(container, name, cancellationToken);

    public virtual Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default)
        => inner.DownloadWithVersionAsync(container, name, cancellationToken);

    public virtual Task<Stream?> ReadStreamAsync(string container, string name, CancellationToken cancellationToken = default)
        => inner.ReadStreamAsync(container, name, cancellationToken);

    public virtual Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
        => inner.UploadStreamAsync(container, name, write, cancellationToken);

    public virtual Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
        => inner.ExistsAsync(container, name, cancellationToken);

    public virtual IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, CancellationToken cancellationToken = default)
        => inner.GetNamesAsync(container, prefix, cancellationToken);

    public virtual IAsyncEnumerable<LakeBlobVersion> GetVersionsAsync(string container, string prefix, CancellationToken cancellationToken = default)
        => inner.GetVersionsAsync(container, prefix, cancellationToken);

    public virtual Task<bool> DeleteAsync(string container, string name, string? ifVersion = null, CancellationToken cancellationToken = default)
        => inner.DeleteAsync(container, name, ifVersion, cancellationToken);

    public virtual Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default)
        => inner.AcquireLeaseAsync(container, name, wait, cancellationToken);
}
