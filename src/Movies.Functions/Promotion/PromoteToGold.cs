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

/// <summary>A silver run manifest arrived: build gold, then publish gold_published. Both are idempotent:
/// gold names are derived from data, and the event's message id is derived from the silver manifest
/// name, so a duplicate Event Grid delivery sends a duplicate that Service Bus (or the lake) drops.</summary>
public sealed class PromoteToGold(GoldPromoter promoter, RunReportWriter report, IPipelineEventPublisher events, TimeProvider clock, ILogger<PromoteToGold> logger)
{
    [Function(nameof(PromoteToGold))]
    public async Task RunAsync(
        [BlobTrigger("silver/{name}", Source = BlobTriggerSource.EventGrid, Connection = "LakeStorage")] BlobClient blob,
        string name,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(context);
        if (!SilverPaths.IsManifest(name))
        {
            Log.NotAManifest(logger, blob.BlobContainerName, name);
            return;
        }

        Log.Promoting(logger, LakeContainers.Silver, name);
        var gold = await promoter.PromoteAsync(name, context.CancellationToken);
        await report.WriteAsync(name, context.CancellationToken);

        var runId = RunIds.OfRunFolder(SilverPaths.RunFolderOf(name));
        var silverManifest = $"{LakeContainers.Silver}/{name}";
        await events.PublishAsync(RunEvents.GoldPublished(runId, clock.GetUtcNow(), silverManifest, silverManifest, GoldTablePaths.LatestParquet(gold)), context.CancellationToken);
    }
}
