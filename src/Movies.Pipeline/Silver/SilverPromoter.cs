using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Silver;

/// <summary>Bronze to silver for one run, started by its bronze manifest: reads exactly the records the
/// manifest names, parses and validates each, and writes the run's silver dataset, its rejects and,
/// last, the silver manifest that starts gold. Every fetched movie ends in exactly one of the two.
/// Idempotent: a duplicate event rewrites the same bytes.</summary>
public sealed class SilverPromoter(ILakeStore lake, ILogger<SilverPromoter> logger)
{
    public async Task<SilverResult> PromoteAsync(string bronzeManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bronzeManifestBlobName);
        if (!BronzePaths.IsManifest(bronzeManifestBlobName))
        {
            throw new PipelineInputException($"'{bronzeManifestBlobName}' is not a bronze run manifest (…/{BronzePaths.ManifestFileName}).");
        }

        var manifest = await lake.ReadJsonAsync(LakeContainers.Bronze, bronzeManifestBlobName, PipelineJsonContext.Blobs.RunManifest, cancellationToken)
            ?? throw new PipelineInputException($"No bronze manifest at bronze/{bronzeManifestBlobName}.");
        var runFolder = BronzePaths.RunFolderOf(bronzeManifestBlobName);

        var rows = new List<SilverMovie>();
        var rejects = new List<SilverReject>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var fetched = manifest.Movies.Where(m => m.Outcome == MovieOutcomes.Fetched).ToList();
        foreach (var movie in fetched)
        {
            var blob = movie.Blob ?? BronzePaths.Movie(runFolder, movie.MovieKey);
            var (row, error) = await ReadAsync(manifest, blob, cancellationToken);
            if (row is not null && error is null && seen.TryGetValue(row.ImdbId, out var first))
            {
                error = new SilverValidationError(RejectReasons.DuplicateImdbId, $"{row.ImdbId} already in this run as {first}");
            }

            if (error is not null)
            {
                Log.Rejected(logger, manifest.RunId, movie.MovieKey, error.Reason, error.Detail);
                rejects.Add(new SilverReject(manifest.RunId, movie.MovieKey, blob, error.Reason, error.Detail));
                continue;
            }

            seen.Add(row!.ImdbId, movie.MovieKey);
            rows.Add(row);
        }

        var moviesBlob = SilverPaths.Movies(runFolder);
        var rejectsBlob = SilverPaths.Rejects(runFolder);
        await lake.UploadAsync(LakeContainers.Silver, moviesBlob, await ParquetTable.WriteAsync(rows, cancellationToken), overwrite: true, cancellationToken);
        await lake.UploadAsync(LakeContainers.Silver, rejectsBlob, ToJsonLines(rejects), overwrite: true, cancellationToken);

        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var reject in rejects)
        {
            byReason[reject.Reason] = byReason.GetValueOrDefault(reject.Reason) + 1;
        }

        var silver = new SilverManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, SilverPaths.SchemaVersion, bronzeManifestBlobName,
            manifest.Counts, manifest.FatalReason, fetched.Count, rows.Count, rejects.Count, byReason, moviesBlob, rejectsBlob);
        var manifestBlob = SilverPaths.Manifest(runFolder);
        // Written last: its arrival starts gold, which then finds the dataset complete.
        await lake.WriteJsonAsync(LakeContainers.Silver, manifestBlob, silver, PipelineJsonContext.Blobs.SilverManifest, overwrite: true, cancellationToken);
        Log.Promoted(logger, manifest.RunId, manifestBlob, fetched.Count, rows.Count, rejects.Count);
        return new SilverResult(manifestBlob, fetched.Count, rows.Count, rejects.Count, byReason);
    }

    private async Task<(SilverMovie? Row, SilverValidationError? Error)> ReadAsync(RunManifest manifest, string blob, CancellationToken cancellationToken)
    {
        var content = await lake.DownloadAsync(LakeContainers.Bronze, blob, cancellationToken);
        if (content is null)
        {
            return (null, new SilverValidationError(RejectReasons.MissingBronze, $"bronze/{blob} does not exist"));
        }

        BronzeRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.BronzeRecord);
        }
        catch (JsonException e)
        {
            return (null, new SilverValidationError(RejectReasons.UnparsableJson, e.Message));
        }

        if (record is null)
        {
            return (null, new SilverValidationError(RejectReasons.UnparsableJson, "bronze record is null"));
        }

        var parsed = OmdbAnswerParser.Parse(record, blob);
        if (parsed.Movie is null)
        {
            return (null, parsed.Error);
        }

        return (parsed.Movie, SilverValidator.Validate(parsed.Movie, manifest.RunDate));
    }

    private static BinaryData ToJsonLines(IEnumerable<SilverReject> rejects)
    {
        var text = new StringBuilder();
        foreach (var reject in rejects)
        {
            text.Append(JsonSerializer.Serialize(reject, PipelineJsonContext.Lines.SilverReject)).Append('\n');
        }

        return BinaryData.FromString(text.ToString());
    }
}
