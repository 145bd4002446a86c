using Microsoft.Extensions.Logging;
using Movies.Pipeline.Events;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Secrets;

namespace Movies.Pipeline.Providers;

/// <summary>Takes landed provider files through bronze and silver to gold: what the landing blob trigger does in Azure and
/// <c>movies ingest</c> does locally. Each file: its provider is its landing folder and its part the first whose pattern
/// matches its name; it is read as declared (a file that cannot be is refused and stays in landing, nothing written);
/// bronze keeps it byte for byte under its SHA-256 with its arrival manifest; silver gets its rows and rejects and, if it
/// is the newest file of its part, a new provider table. Then gold is published once from every provider's current
/// table, unless it already reflects them all; last, the landing copies are removed (only if unchanged since read), so a
/// crash at any step leaves the file in landing to be taken again, and taking it again redoes nothing already done.</summary>
public sealed class ProviderIngestor(ILakeStore lake, ProviderCatalog catalog, ProviderBronzeWriter bronze, ProviderSilverWriter silver, ProviderGold gold,
    IPipelineEventPublisher events, TimeProvider clock, ILogger<ProviderIngestor> logger, SecretRedactor? redactor = null, ProviderLimits? limits = null)
{
    private readonly SecretRedactor _redactor = redactor ?? new SecretRedactor();

    /// <summary>How large a file and a field may be (<c>PROVIDER_MAX_FILE_BYTES</c>, <c>PROVIDER_MAX_FIELD_BYTES</c>).</summary>
    public ProviderLimits Limits { get; } = limits ?? ProviderLimits.Default;

    public ProviderCatalog Catalog => catalog;

    /// <summary>Checks that a local file can be ingested as <paramref name="providerName"/> (declared, a part matches its
    /// name, readable as declared), then puts it in landing. Throws <see cref="PipelineInputException"/>, writing nothing,
    /// when it cannot.</summary>
    public async Task<string> LandAsync(string providerName, string fileName, BinaryData content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = ProviderPaths.Landing(providerName, fileName);
        var (provider, part) = Resolve(providerName, fileName);
        _ = ProviderFileReader.Read(content, provider, part, fileName, Limits);
        LakeNames.Validate(LakeContainers.Landing, name);
        await lake.UploadAsync(LakeContainers.Landing, name, content, overwrite: true, cancellationToken);
        return name;
    }

    /// <summary>Ingests every file waiting in landing, in name order (name files by date to have them taken in arrival
    /// order: <c>domestic-2026-11-23.csv</c>).</summary>
    public async Task<IngestResult> IngestWaitingAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Landing, string.Empty, cancellationToken))
        {
            names.Add(name);
        }

        return await IngestAsync(names, refuse: true, cancellationToken);
    }

    /// <summary>Ingests landed files (names in the landing container), then publishes gold once. With
    /// <paramref name="refuse"/> a file that cannot be ingested is listed in the result and left in landing; without, the
    /// first such file throws <see cref="PipelineInputException"/> before anything of it is written.</summary>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<string> landingBlobs, bool refuse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(landingBlobs);
        var files = new List<ProviderFileResult>();
        var refused = new List<RefusedFile>();
        var taken = new List<(string Name, string Version)>();
        foreach (var name in landingBlobs)
        {
            try
            {
                if (await IngestFileAsync(name, cancellationToken) is { } done)
                {
                    files.Add(done.Result);
                    taken.Add((name, done.LandingVersion));
                }
            }
            catch (PipelineInputException e) when (refuse)
            {
                // The reason quotes the file (its header, a value): outside text, redacted before it is logged or returned.
                var reason = _redactor.Redact(e.Message);
                Log.Refused(logger, name, reason);
                refused.Add(new RefusedFile(name, reason));
            }
        }

        GoldResult? published = null;
        if (files.Count > 0 && await GoldIsBehindAsync(cancellationToken))
        {
            var by = files.LastOrDefault(f => f.Status == ProviderFileStatus.Ingested) ?? files[^1];
            published = await gold.PublishAsync(by.ArrivalId, cancellationToken);
            // Subscribers (a Power BI refresh) learn of it as of a run's gold; the id carries the published content.
            await events.PublishAsync(RunEvents.GoldPublished(by.ArrivalId, clock.GetUtcNow(), $"{LakeContainers.Silver}/{ProviderPaths.Current(by.Provider)}", published), cancellationToken);
        }

        foreach (var (name, version) in taken)
        {
            await lake.DeleteAsync(LakeContainers.Landing, name, version, cancellationToken);
        }

        var (coverage, unmatched) = await gold.ReadJoinAsync(cancellationToken);
        return new IngestResult(files, refused, published, coverage, unmatched);
    }

    private async Task<(ProviderFileResult Result, string LandingVersion)?> IngestFileAsync(string landingBlob, CancellationToken cancellationToken)
    {
        var (providerName, fileName) = ProviderPaths.OfLanding(landingBlob);
        var (provider, part) = Resolve(providerName, fileName);
        var landed = await lake.DownloadWithVersionAsync(LakeContainers.Landing, landingBlob, cancellationToken);
        if (landed is null)
        {
            Log.Gone(logger, landingBlob);
            return null;
        }

        IReadOnlyList<RawRecord>? records = null;
        IReadOnlyList<RawRecord> Records() => records ??= ProviderFileReader.Read(landed.Content, provider, part, fileName, Limits);
        var (arrival, newArrival) = await bronze.WriteAsync(provider, part, landingBlob, fileName, landed.Content, () => Records().Count, cancellationToken);
        if (newArrival)
        {
            Log.Arrived(logger, provider.Name, fileName, arrival.ArrivalId, arrival.Rows, arrival.Sha256);
        }
        else
        {
            Log.AlreadyArrived(logger, provider.Name, fileName, arrival.ArrivalId);
        }

        // A content seen before keeps the part it first arrived as.
        var arrivalPart = provider.Parts.FirstOrDefault(p => p.Name == arrival.Part) ?? part;
        var (file, _) = await silver.WriteFileAsync(provider, arrivalPart, arrival, () => arrivalPart == part ? Records() : ProviderFileReader.Read(landed.Content, provider, arrivalPart, fileName, Limits), cancellationToken);
        var (current, changed) = await silver.MakeCurrentAsync(provider, file, cancellationToken);
        // Ingested only by the call that made it current: processes taking the same new file at once all write its
        // (identical) bronze and silver, but one of them changes the current table; the others report a duplicate.
        var status = changed ? ProviderFileStatus.Ingested
            : current.Parts.TryGetValue(file.Part, out var present) && present.Sequence > file.Sequence ? ProviderFileStatus.Superseded
            : ProviderFileStatus.AlreadyIngested;
        var result = new ProviderFileResult(provider.Name, file.Part, fileName, arrival.ArrivalId, arrival.Sequence, status, file.Rows, file.SilverRows, file.Rejects,
            file.RejectsByReason, arrival.BronzeBlob, current.Version);
        return (result, landed.Version);
    }

    /// <summary>True when some provider's current silver is not the version committed gold joined.</summary>
    private async Task<bool> GoldIsBehindAsync(CancellationToken cancellationToken)
    {
        var joined = await gold.JoinedVersionsAsync(cancellationToken);
        foreach (var provider in catalog.Providers)
        {
            var current = await silver.ReadCurrentAsync(provider.Name, cancellationToken);
            if ((current?.Version ?? 0) != joined.GetValueOrDefault(provider.Name))
            {
                return true;
            }
        }

        return false;
    }

    private (Provider Provider, ProviderPart Part) Resolve(string providerName, string fileName)
    {
        var provider = catalog.Find(providerName)
            ?? throw new PipelineInputException($"No provider '{providerName}' is declared in {catalog.Source} (declared: {string.Join(", ", catalog.Providers.Select(p => p.Name))}).");
        var part = provider.PartOf(fileName)
            ?? throw new PipelineInputException($"{provider.Name} file '{fileName}' matches none of its parts' file patterns ({string.Join(", ", provider.Parts.Select(p => $"{p.Name}: {p.Files}"))}).");
        return (provider, part);
    }
}
