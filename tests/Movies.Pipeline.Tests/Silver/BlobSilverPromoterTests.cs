using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Silver;

/// <summary>The same contract on the blob lake, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobSilverPromoterTests(AzuriteFixture azurite) : SilverPromoterTests
{
    protected override Task<ILakeStore> CreateLakeAsync() => LakeReset.EmptyBlobLakeAsync(azurite.CreateServiceClient());
}
