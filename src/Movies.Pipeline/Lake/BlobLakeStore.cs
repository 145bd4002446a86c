using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Movies.Pipeline.Lake;

/// <summary>The lake on Azure Blob Storage (or Azurite).</summary>
public sealed class BlobLakeStore(BlobServiceClient service) : ILakeStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> _ensuredContainers = new(StringComparer.Ordinal);

    public async Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var blob = await GetContainerAsync(container, cancellationToken);
        var options = new BlobUploadOptions
        {
            Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
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
