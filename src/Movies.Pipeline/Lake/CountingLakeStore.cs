using System.Runtime.CompilerServices;

namespace Movies.Pipeline.Lake;

/// <summary>Counts the storage operations that reach a lake: what a run costs, per movie. A listing counts one
/// operation per 5,000 names, as a blob listing page does; a lease counts every request it cost (acquire tries, the
/// lock blob's creation, renewals, release: <see cref="ILakeLease.Requests"/>) as writes, once released.</summary>
public sealed class CountingLakeStore(ILakeStore inner) : ILakeStore
{
    private const int ListPageSize = 5000;
    private long _reads;
    private long _writes;
    private long _lists;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public long Lists => Interlocked.Read(ref _lists);

    public long Total => Reads + Writes + Lists;

    public Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.UploadAsync(container, name, content, overwrite, cancellationToken);
    }

    public Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.DownloadAsync(container, name, cancellationToken);
    }

    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.ExistsAsync(container, name, cancellationToken);
    }

    public Task<Stream?> ReadStreamAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadStreamAsync(container, name, cancellationToken);
    }

    public Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.UploadStreamAsync(container, name, write, cancellationToken);
    }

    public Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return inner.DownloadWithVersionAsync(container, name, cancellationToken);
    }

    public Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.UploadIfVersionAsync(container, name, content, ifVersion, cancellationToken);
    }

    public Task<bool> DeleteAsync(string container, string name, string? ifVersion = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.DeleteAsync(container, name, ifVersion, cancellationToken);
    }

    public async Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default)
        => new CountedLease(await inner.AcquireLeaseAsync(container, name, wait, cancellationToken), requests => Interlocked.Add(ref _writes, requests));

    public IAsyncEnumerable<LakeBlobVersion> GetVersionsAsync(string container, string prefix, CancellationToken cancellationToken = default)
        => CountPagesAsync(inner.GetVersionsAsync(container, prefix, cancellationToken), cancellationToken);

    public IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, CancellationToken cancellationToken = default)
        => CountPagesAsync(inner.GetNamesAsync(container, prefix, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<T> CountPagesAsync<T>(IAsyncEnumerable<T> listing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        var count = 0;
        await foreach (var item in listing.WithCancellation(cancellationToken))
        {
            if (++count % ListPageSize == 0)
            {
                Interlocked.Increment(ref _lists);
            }

            yield return item;
        }
    }
}
