using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>A real lake that "crashes" (throws, as a killed process would stop) at a chosen write: the writes
/// before it reached the lake, the rest never happen.</summary>
internal sealed class CrashingLake(ILakeStore inner, Func<string, string, bool> crashBefore) : ILakeStore
{
    public Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
        => crashBefore(container, name) ? throw new IOException($"simulated crash before writing {container}/{name}") : inner.UploadAsync(container, name, content, overwrite, cancellationToken);

    public Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
        => crashBefore(container, name) ? throw new IOException($"simulated crash before writing {container}/{name}") : inner.UploadIfVersionAsync(container, name, content, ifVersion, cancellationToken);

    public Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default) => inner.DownloadAsync(container, name, cancellationToken);

    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default) => inner.ExistsAsync(container, name, cancellationToken);

    public IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, CancellationToken cancellationToken = default) => inner.GetNamesAsync(container, prefix, cancellationToken);

    public Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default) => inner.DownloadWithVersionAsync(container, name, cancellationToken);

    public Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default) => inner.AcquireLeaseAsync(container, name, wait, cancellationToken);
}
