using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;

namespace Movies.Functions.Ingestion;

/// <summary>A provider file landed (Event Grid BlobCreated on <c>landing/{provider}/…</c>): take it through bronze and
/// silver to gold. The engine is idempotent (content hash), so a duplicate event changes nothing, and a file arriving
/// while another of the same provider is ingested waits for that provider's lease. A file that cannot be ingested as
/// declared is logged at Error by the engine and left in landing, not retried: the same bytes would be refused again.</summary>
public sealed class IngestLandedFile(ProviderIngestor ingestor, ILogger<IngestLandedFile> logger)
{
    [Function(nameof(IngestLandedFile))]
    public async Task RunAsync(
        [BlobTrigger("landing/{name}", Source = BlobTriggerSource.EventGrid, Connection = "LakeStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        Log.Ingesting(logger, LakeContainers.Landing, name);
        var result = await ingestor.IngestAsync([name], refuse: true, cancellationToken);
        foreach (var file in result.Files)
        {
            Log.Ingested(logger, file.Provider, file.FileName, file.ArrivalId, file.Status, file.SilverRows, file.Rejects);
        }
    }
}
