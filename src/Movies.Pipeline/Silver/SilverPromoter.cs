using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Silver;

/// <summary>Bronze to silver for one run, started by its bronze manifest: reads exactly the records the
/// manifest names, parses and validates each, and writes the run's silver dataset, its rejects and,
/// last, the silver manifest that starts gold. Every fetched movie ends in exactly one of the two.
/// Idempotent: a duplicate event rewrites the same bytes. The records are read <see cref="ParallelReads"/> at a
/// time and then taken in the manifest's order, so the output does not depend on which read finished first.</summary>
public sealed class SilverPromoter
{
    /// <summary>Bronze reads in flight at once. Each record is a small blob, so a read's time is storage latency
    /// (about 10 ms in Azure), and one at a time a 100,000-movie run would spend most of its promotion waiting;
    /// 16 hide that latency while staying far inside a storage account's request rate and the blob client's
    /// connection pool, and hold at most 16 raw records in memory besides the parsed rows.</summary>
    public const int ParallelReads = 16;

    private readonly ILakeStore _lake;
    private readonly ILogger<SilverPromoter> _logger;
    private readonly int _parallelReads;

    public SilverPromoter(ILakeStore lake, ILogger<SilverPromoter> logger)
        : this(lake, logger, ParallelReads)
    {
    }

    /// <summary>With another bound on reads in flight (a test compares it with one at a time).</summary>
    internal SilverPromoter(ILakeStore lake, ILogger<SilverPromoter> logger, int parallelReads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelReads, 1);
        _lake = lake;
        _logger = logger;
        _parallelReads = parallelReads;
    }

    public async Task<SilverResult> PromoteAsync(string bronzeManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bronzeManifestBlobName);
        if (!BronzePaths.IsManifest(bronzeManifestBlobName))
        {
            throw new PipelineInputException($"'{bronzeManifestBlobName}' is not a bronze run manifest (…/{BronzePaths.ManifestFileName}).");
        }

        var manifest = await _lake.ReadJsonAsync(LakeContainers.Bronze, bronzeManifestBlobName, PipelineJsonContext.Blobs.RunManifest, cancellationToken)
            ?? throw new PipelineInputException($"No bronze manifest at bronze/{bronzeManifestBlobName}.");
        var runFolder = BronzePaths.RunFolderOf(bronzeManifestBlobName);

        var rows = new List<SilverMovie>();
        var rejects = new List<SilverReject>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // Fetched in this run, or cached: an earlier run's bronze blob that the manifest names.
        var fetched = manifest.Movies.Where(m => MovieOutcomes.HasBronze(m.Outcome)).ToList();
        var read = new (SilverMovie? Row, SilverValidationError? Error)[fetched.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, fetched.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _parallelReads, CancellationToken = cancellationToken },
            async (i, token) => read[i] = await ReadAsync(manifest, BlobOf(fetched[i], runFolder), token));

        for (var i = 0; i < fetched.Count; i++)
        {
            var movie = fetched[i];
            var blob = BlobOf(movie, runFolder);
            var (row, error) = read[i];
            if (row is not null && error is null && seen.TryGetValue(row.ImdbId, out var first))
            {
                error = new SilverValidationError(RejectReasons.DuplicateImdbId, $"{row.ImdbId} already in this run as {first}");
            }

            if (error is not null)
            {
                Log.Rejected(_logger, manifest.RunId, movie.MovieKey, error.Reason, error.Detail);
                rejects.Add(new SilverReject(manifest.RunId, movie.MovieKey, blob, error.Reason, error.Detail));
                continue;
            }

            seen.Add(row!.ImdbId, movie.MovieKey);
            rows.Add(row);
        }

        var moviesBlob = SilverPaths.Movies(runFolder);
        var rejectsBlob = SilverPaths.Rejects(runFolder);
        await _lake.UploadAsync(LakeContainers.Silver, moviesBlob, await ParquetTable.WriteAsync(rows, cancellationToken), overwrite: true, cancellationToken);
        await _lake.UploadAsync(LakeContainers.Silver, rejectsBlob, ToJsonLines(rejects), overwrite: true, cancellationToken);

        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var reject in rejects)
        {
            byReason[reject.Reason] = byReason.GetValueOrDefault(reject.Reason) + 1;
        }

        var silver = new SilverManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, SilverPaths.SchemaVersion, bronzeManifestBlobName,
            manifest.Counts, manifest.FatalReason, fetched.Count, rows.Count, rejects.Count, byReason, moviesBlob, rejectsBlob);
        var manifestBlob = SilverPaths.Manifest(runFolder);
        // Written last: its arrival starts gold, which then finds the dataset complete.
        await _lake.WriteJsonAsync(LakeContainers.Silver, manifestBlob, silver, PipelineJsonContext.Blobs.SilverManifest, overwrite: true, cancellationToken);
        Log.Promoted(_logger, manifest.RunId, manifestBlob, fetched.Count, rows.Count, rejects.Count);
        return new SilverResult(manifestBlob, fetched.Count, rows.Count, rejects.Count, byReason);
    }

    private static string BlobOf(MovieOutcome movie, string runFolder) => movie.Blob ?? BronzePaths.Movie(runFolder, movie.MovieKey);

    private async Task<(SilverMovie? Row, SilverValidationError? Error)> ReadAsync(RunManifest manifest, string blob, CancellationToken cancellationToken)
    {
        var content = await _lake.DownloadAsync(LakeContainers.Bronze, blob, cancellationToken);
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

        // The row belongs to this run's dataset, whichever run's bronze holds its answer (a cached movie's is older).
        var movie = parsed.Movie with { RunId = manifest.RunId };
        return (movie, SilverValidator.Validate(movie, manifest.RunDate));
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
