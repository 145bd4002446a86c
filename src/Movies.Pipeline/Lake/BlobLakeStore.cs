using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Movies.Pipeline.Lake;

/// <summary>The lake on Azure Blob Storage (or Azurite). Versions are ETags; a lease is a blob lease on the lock
/// blob, of <paramref name="leaseDuration"/> (15 to 60 s; 30 by default), renewed while held.</summary>
public sealed class BlobLakeStore(BlobServiceClient service, TimeSpan? leaseDuration = null, ILogger<BlobLakeStore>? logger = null) : ILakeStore
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(30);

    // Uploads above 4 MB go up in 4 MB blocks, each one call within the per-try timeout (LakeOptions.TryTimeout).
    private static readonly StorageTransferOptions Transfers = new() { InitialTransferSize = 4 * 1024 * 1024, MaximumTransferSize = 4 * 1024 * 1024 };

    // Uploads from a stream that lost a race with another writer of the same blob (see UploadStreamAsync) start over
    // this many times at most: each lost race means another writer's commit landed meanwhile.
    private const int MaxStreamUploads = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensuredContainers = new(StringComparer.Ordinal);
    private readonly TimeSpan _leaseDuration = CheckLeaseDuration(leaseDuration ?? DefaultLeaseDuration);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>The blob service endpoint: which lake this is, without any credential.</summary>
    public Uri ServiceUri => service.Uri;

    public async Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var blob = await GetContainerAsync(container, cancellationToken);
        var options = new BlobUploadOptions
        {
            Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
            TransferOptions = Transfers,
        };
        try
        {
            await blob.GetBlobClient(name).UploadAsync(content, options, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (!overwrite && e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        try
        {
            var result = await service.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream?> ReadStreamAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        try
        {
            // One GET whose body is read as it is consumed (the SDK resumes it where it broke off on a transient fault).
            var result = await service.GetBlobContainerClient(container).GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        LakeNames.Validate(container, name);
        var blob = (await GetContainerAsync(container, cancellationToken)).GetBlobClient(name);
        // Spooled to a local temporary file, then uploaded from it (up to 4 MB in one request, larger in 4 MB blocks
        // and one commit): the blob appears whole, nothing is written when the writer fails, and the upload can start
        // over without the writer. It does when another writer of the same blob committed while this one staged blocks
        // (InvalidBlockList: a commit discards every other uncommitted block of the blob): the last commit stands,
        // as with UploadAsync.
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"movies-upload-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await write(spool, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            spool.Position = 0;
            try
            {
                await blob.UploadAsync(spool, new BlobUploadOptions { TransferOptions = Transfers }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidBlockList && attempt < MaxStreamUploads)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * attempt)), cancellationToken);
            }
        }
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        try
        {
            return await service.GetBlobContainerClient(container).GetBlobClient(name).ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakeNames.ValidatePrefix(container, prefix);
        var client = service.GetBlobContainerClient(container);
        if (!await client.ExistsAsync(cancellationToken))
        {
            yield break;
        }

        // Blob listings come back in lexicographic order of the name's UTF-8 bytes, which is ordinal.
        await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            yield return item.Name;
        }
    }

    public async IAsyncEnumerable<LakeBlobVersion> GetVersionsAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakeNames.ValidatePrefix(container, prefix);
        // Versions are read to write under them: the container is ensured (once per process) as for a write.
        var client = await GetContainerAsync(container, cancellationToken);

        // A listing carries each blob's ETag: the versions of a folder of blobs in one request.
        await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            // Listed ETags come unquoted, a download's quoted: the header form is the one version for both.
            yield return new LakeBlobVersion(item.Name, item.Properties.ETag!.Value.ToString("H"));
        }
    }

    public async Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        try
        {
            var result = await service.GetBlobContainerClient(container).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new LakeBlob(result.Value.Content, result.Value.Details.ETag.ToString("H"));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var blob = await GetContainerAsync(container, cancellationToken);
        var conditions = ifVersion is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(ifVersion) };
        try
        {
            await blob.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { Conditions = conditions, TransferOptions = Transfers }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412 || e.ErrorCode == BlobErrorCode.InvalidBlockList)
        {
            // InvalidBlockList: a blob of more than one block whose staged blocks another writer's commit discarded. It too
            // means another writer got there first.
            return false;
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, string? ifVersion = null, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var conditions = ifVersion is null ? null : new BlobRequestConditions { IfMatch = new ETag(ifVersion) };
        try
        {
            var result = await service.GetBlobContainerClient(container).GetBlobClient(name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, conditions, cancellationToken);
            return result.Value;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Leases the blob itself when it exists (one request), so a lease on an existing blob needs no lock
    /// blob; a missing one is created empty first (one more request) and taken at once.</summary>
    public async Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var blob = (await GetContainerAsync(container, cancellationToken)).GetBlobClient(name);
        var requests = 0;
        return await LakeLeases.WaitForAsync(container, name, wait, async token =>
        {
            var client = blob.GetBlobLeaseClient();
            var status = await TryAcquireAsync(client, token);
            if (status == 404)
            {
                // No such blob yet (or someone deleted it): create it empty, then take it.
                requests++;
                await CreateLockBlobAsync(blob, token);
                status = await TryAcquireAsync(client, token);
            }

            return status == 201 ? new BlobLakeLease(container, name, client, _leaseDuration, requests, _logger) : null;
        }, cancellationToken);

        // 201 when taken, 409 while another holds it, 404 when the blob does not exist.
        async Task<int> TryAcquireAsync(BlobLeaseClient client, CancellationToken token)
        {
            requests++;
            try
            {
                await client.AcquireAsync(_leaseDuration, cancellationToken: token);
                return 201;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 404)
            {
                return e.Status;
            }
        }
    }

    private static TimeSpan CheckLeaseDuration(TimeSpan duration)
        => duration >= TimeSpan.FromSeconds(15) && duration <= TimeSpan.FromSeconds(60)
            ? duration
            : throw new ArgumentOutOfRangeException(nameof(duration), "A blob lease lasts 15 to 60 seconds.");

    private static async Task CreateLockBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // It exists (and may be leased): that is all a lock blob needs.
        }
    }

    // Containers exist in Azure (Bicep creates them); on Azurite the first write creates each, once per process.
    private async Task<BlobContainerClient> GetContainerAsync(string container, CancellationToken cancellationToken)
    {
        var client = service.GetBlobContainerClient(container);
        var ensured = _ensuredContainers.GetOrAdd(container, _ => new Lazy<Task>(() => client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None)));
        try
        {
            await ensured.Value.WaitAsync(cancellationToken);
        }
        catch (RequestFailedException)
        {
            _ensuredContainers.TryRemove(container, out _);
            throw;
        }

        return client;
    }
}
