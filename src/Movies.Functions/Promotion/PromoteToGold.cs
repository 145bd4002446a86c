using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Promotion;

/// <summary>A silver run manifest arrived: build gold with the run's report in the same commit, then publish gold_published, and
/// run_failed when the run failed its quality check (the orchestration ended at the bronze manifest, before it).
/// All idempotent: gold names are derived from data, and the events' message ids from the silver manifest and the
/// published content, so a duplicate Event Grid delivery sends duplicates that Service Bus (or the lake) drops.</summary>
public sealed class PromoteToGold(GoldPromoter promoter, RunReportWriter report, IPipelineEventPublisher events, TimeProvider clock, ILogger<PromoteToGold> logger)
{
    [Function(nameof(PromoteToGold))]
    public async Task RunAsync(
        [BlobTrigger("silver/{name}", Source = BlobTriggerSource.EventGrid, Connection = "LakeStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!SilverPaths.IsManifest(name))
        {
            Log.NotAManifest(logger, blob.BlobContainerName, name);
            return;
        }

        Log.Promoting(logger, LakeContainers.Silver, name);
        var page = await report.RenderAsync(name, cancellationToken);
        var gold = await promoter.PromoteAsync(name, page.AddTo, cancellationToken);

        var runId = RunIds.OfRunFolder(SilverPaths.RunFolderOf(name));
        var silverManifest = $"{LakeContainers.Silver}/{name}";
        var at = clock.GetUtcNow();
        await events.PublishAsync(RunEvents.GoldPublished(runId, at, silverManifest, gold), cancellationToken);
        if (RunEvents.QualityFailed(runId, at, silverManifest, gold) is { } failed)
        {
            await events.PublishAsync(failed, cancellationToken);
        }
    }
}
