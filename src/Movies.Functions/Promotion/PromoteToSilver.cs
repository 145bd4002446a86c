using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Functions.Promotion;

/// <summary>A bronze run manifest arrived (Event Grid BlobCreated): promote the run to silver. The Event
/// Grid subscription already filters on <c>_manifest.json</c>; the name is checked again here. The
/// promoter is idempotent (derived names, same content), so a duplicate event rewrites the same blobs.</summary>
public sealed class PromoteToSilver(SilverPromoter promoter, ILogger<PromoteToSilver> logger)
{
    [Function(nameof(PromoteToSilver))]
    public async Task RunAsync(
        [BlobTrigger("bronze/{name}", Source = BlobTriggerSource.EventGrid, Connection = "LakeStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!BronzePaths.IsManifest(name))
        {
            Log.NotAManifest(logger, blob.BlobContainerName, name);
            return;
        }

        Log.Promoting(logger, LakeContainers.Bronze, name);
        await promoter.PromoteAsync(name, cancellationToken);
    }
}
