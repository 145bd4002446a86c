using Azure.Storage.Blobs;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>Empties the lake's containers on a shared Azurite, for tests whose subject is the whole
/// current state (gold/latest) and so cannot share it with the tests before them.</summary>
internal static class LakeReset
{
    public static async Task<ILakeStore> EmptyBlobLakeAsync(BlobServiceClient service)
    {
        foreach (var container in LakeContainers.All)
        {
            var client = service.GetBlobContainerClient(container);
            if (!await client.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in client.GetBlobsAsync())
            {
                await client.DeleteBlobIfExistsAsync(blob.Name);
            }
        }

        return new BlobLakeStore(service);
    }
}
