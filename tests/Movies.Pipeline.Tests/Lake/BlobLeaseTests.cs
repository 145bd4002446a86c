using System.Diagnostics;
using Azure.Storage.Blobs.Specialized;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Lake;

/// <summary>Blob leases over time, on their own Azurite so their waits overlap the other Azurite tests.</summary>
[Collection(AzuriteLeaseCollection.Name)]
public sealed class BlobLeaseTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(15);
    private readonly string _prefix = $"lease/{Guid.NewGuid():N}";

    [Fact]
    public async Task AcquireLease_HeldLongerThanItsDuration_RenewedSoOthersStillWait()
    {
        var lake = new BlobLakeStore(azurite.CreateServiceClient(), LeaseTime);
        var other = new BlobLakeStore(azurite.CreateServiceClient(), LeaseTime);
        var name = $"{_prefix}/renewed.lock";

        await using (var held = await lake.AcquireLeaseAsync(LakeContainers.Gold, name, TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(LeaseTime + TimeSpan.FromSeconds(3));

            await Assert.ThrowsAsync<LakeLeaseTimeoutException>(() => other.AcquireLeaseAsync(LakeContainers.Gold, name, TimeSpan.FromSeconds(1)));
            Assert.False(held.Lost.IsCancellationRequested);
        }

        await using var next = await other.AcquireLeaseAsync(LakeContainers.Gold, name, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AcquireLease_HolderCrashed_FreedWithinTheLeaseTime()
    {
        var service = azurite.CreateServiceClient();
        var lake = new BlobLakeStore(service, LeaseTime);
        var name = $"{_prefix}/crashed.lock";
        await (await lake.AcquireLeaseAsync(LakeContainers.Gold, name, TimeSpan.FromSeconds(10))).DisposeAsync();

        // A holder that took the lease and then died: nobody renews or releases it.
        await service.GetBlobContainerClient(LakeContainers.Gold).GetBlobClient(name).GetBlobLeaseClient().AcquireAsync(LeaseTime);
        var clock = Stopwatch.StartNew();
        await using var lease = await lake.AcquireLeaseAsync(LakeContainers.Gold, name, TimeSpan.FromSeconds(60));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5), LeaseTime + TimeSpan.FromSeconds(10));
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteLeaseCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite leases";
}
