using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Movies.Functions.Ingestion;
using Movies.Functions.Promotion;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Triggers;

/// <summary>The blob-triggered functions called as the host calls them after an Event Grid BlobCreated event: a
/// <see cref="BlobClient"/> of the blob on the lake (Azurite) and the <c>{name}</c> of the trigger's path, each function
/// made from the app's services. Event Grid delivers at least once, so each is also called a second time.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTriggerTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    [Fact]
    public async Task PromoteToSilverThenGold_RunManifestsDeliveredTwice_SilverGoldReportAndOneGoldPublishedEvent()
    {
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 20), TestSource.Titles(6));
        var start = await StartTodayAsync(app);
        var outcome = (await app.CompletionAsync(start.InstanceId)).ReadOutputAs<RunOutcome>()!;
        var bronzeManifest = outcome.Manifest.ManifestBlob;
        var silverManifest = SilverPaths.Manifest(outcome.Plan.RunFolder);
        var toSilver = ActivatorUtilities.CreateInstance<PromoteToSilver>(app.Services);
        var toGold = ActivatorUtilities.CreateInstance<PromoteToGold>(app.Services);

        // A movie blob of the run arrives too (the subscription filters on _manifest.json; the function checks again).
        var movieBlob = (await NamesAsync(app, LakeContainers.Bronze, outcome.Plan.RunFolder + "/")).First(n => !n[(outcome.Plan.RunFolder.Length + 1)..].StartsWith('_'));
        await toSilver.RunAsync(Blob(LakeContainers.Bronze, movieBlob), movieBlob, CancellationToken.None);
        Assert.Empty(await NamesAsync(app, LakeContainers.Silver, outcome.Plan.RunFolder + "/"));

        await toSilver.RunAsync(Blob(LakeContainers.Bronze, bronzeManifest), bronzeManifest, CancellationToken.None);
        var silver = await Hashes(app, LakeContainers.Silver, outcome.Plan.RunFolder + "/");
        await toGold.RunAsync(Blob(LakeContainers.Silver, silverManifest), silverManifest, CancellationToken.None);
        var gold = await app.Get<ILakeStore>().ReadJsonAsync(LakeContainers.Gold, GoldPaths.LatestVersion, PipelineJsonContext.Blobs.GoldVersion);
        var report = await Hashes(app, LakeContainers.Gold, ReportPaths.Run(start.InstanceId));

        // The same events again: the same blobs, and the event dropped as the same message.
        await toSilver.RunAsync(Blob(LakeContainers.Bronze, bronzeManifest), bronzeManifest, CancellationToken.None);
        await toGold.RunAsync(Blob(LakeContainers.Silver, silverManifest), silverManifest, CancellationToken.None);

        Assert.Contains(silverManifest, silver.Keys);
        Assert.Contains(SilverPaths.Movies(outcome.Plan.RunFolder), silver.Keys);
        Assert.Equal(silver, await Hashes(app, LakeContainers.Silver, outcome.Plan.RunFolder + "/"));
        Assert.NotNull(gold);
        Assert.Single(report);
        Assert.Equal(report, await Hashes(app, LakeContainers.Gold, ReportPaths.Run(start.InstanceId)));
        var events = await NamesAsync(app, LakeContainers.Events, $"2031/01/20/{start.InstanceId}/");
        Assert.Single(events, e => e.Contains(PipelineEventTypes.GoldPublished, StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Contains(PipelineEventTypes.RunFailed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestLandedFile_ProviderFileLandedThenDeliveredAgain_TakenToSilverOnceAndLeftNothingInLanding()
    {
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 21), TestSource.Titles(1));
        const string Name = "box_office/domestic-2026-11-22.csv";
        var content = await File.ReadAllBytesAsync(RepositoryRoot.Combine("data", "sample", "providers", "box_office", "domestic-2026-11-22.csv"));
        var landed = Blob(LakeContainers.Landing, Name);
        await new BlobContainerClient(Azurite.ConnectionString, LakeContainers.Landing).CreateIfNotExistsAsync();
        await landed.UploadAsync(new BinaryData(content), overwrite: true);
        var ingest = ActivatorUtilities.CreateInstance<IngestLandedFile>(app.Services);

        await ingest.RunAsync(landed, Name, CancellationToken.None);
        var current = await app.Get<ILakeStore>().ExistsAsync(LakeContainers.Silver, ProviderPaths.Current("box_office"));
        // Event Grid delivers the event again: the blob is gone from landing, nothing happens.
        await ingest.RunAsync(landed, Name, CancellationToken.None);
        // The provider sends the same file again: the same bytes are not taken twice.
        await landed.UploadAsync(new BinaryData(content), overwrite: true);
        await ingest.RunAsync(landed, Name, CancellationToken.None);

        Assert.True(current);
        Assert.False(await landed.ExistsAsync());
        var ingested = app.Logs.Lines.Where(l => l.StartsWith("Information Movies.Functions.Ingestion.IngestLandedFile", StringComparison.Ordinal) && l.Contains("Provider box_office file domestic-2026-11-22.csv", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ingested.Count);
        Assert.Contains(ProviderFileStatus.Ingested, ingested[0], StringComparison.Ordinal);
        Assert.Contains(ProviderFileStatus.AlreadyIngested, ingested[1], StringComparison.Ordinal);
    }

    private BlobClient Blob(string container, string name) => new(Azurite.ConnectionString, container, name);

    private static async Task<Dictionary<string, string>> Hashes(DurableApp app, string container, string prefix)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in await NamesAsync(app, container, prefix))
        {
            hashes[name] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData((await app.Get<ILakeStore>().DownloadAsync(container, name))!.ToArray()));
        }

        return hashes;
    }
}
