using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Silver;

/// <summary>Bronze to silver for one run, started by its bronze manifest: reads exactly the records the
/// manifest names, parses and validates each, and writes the run's silver dataset, its rejects and,
/// last, the silver manifest that starts gold. Every fetched movie ends in exactly one of the two.
/// Idempotent: a duplicate event rewrites the same bytes. The records are read <see cref="ParallelReads"/> at a
/// time and then taken in the manifest's order, so the output does not depend on which read finished first; they are
/// written <see cref="RowGroupRows"/> to a Parquet row group, so only one group's rows are held at once.</summary>
public sealed class SilverPromoter
{
    /// <summary>Bronze reads in flight at once. Each record is a small blob, so a read's time is storage latency
    /// (about 10 ms in Azure), and one at a time a 100,000-movie run would spend most of its promotion waiting;
    /// 16 hide that latency while staying far inside a storage account's request rate and the blob client's
    /// connection pool, and hold at most 16 raw records in memory besides the parsed rows.</summary>
    public const int ParallelReads = 16;

    private readonly ILakeStore _lake;
    private readonly ILogger<SilverPromoter> _logger;
    /// <summary>Silver rows per Parquet row group: the promotion holds one group's rows at a time (~20 MB of parsed
    /// rows), so its memory does not grow with the run. A run of up to this many rows is one group, as before;
    /// a larger one is several, the same groups for the same rows (reruns stay byte-identical).</summary>
    public const int RowGroupRows = 10_000;

    private readonly int _parallelReads;
    private readonly int _rowGroupRows;

    public SilverPromoter(ILakeStore lake, ILogger<SilverPromoter> logger)
        : this(lake, logger, ParallelReads)
    {
    }

    /// <summary>With another bound on reads in flight (a test compares it with one at a time) or other row groups
    /// (a test writes several without 10,000 rows).</summary>
    internal SilverPromoter(ILakeStore lake, ILogger<SilverPromoter> logger, int parallelReads, int rowGroupRows = RowGroupRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelReads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        _lake = lake;
        _logger = logger;
        _parallelReads = parallelReads;
        _rowGroupRows = rowGroupRows;
    }

    public async Task<SilverResult> PromoteAsync(string bronzeManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bronzeManifestBlobName);
        if (!BronzePaths.IsManifest(bronzeManifestBlobName))
        {
            throw new PipelineInputException($"'{bronzeManifestBlobName}' is not a bronze run manifest ({{yyyy}}/{{MM}}/{{dd}}/{{runId}}/{BronzePaths.ManifestFileName}).");
        }

        var runFolder = BronzePaths.RunFolderOf(bronzeManifestBlobName);
        // Fetched in this run, or cached: an earlier run's bronze blob that the manifest names. Only these movies' keys
        // and blobs are kept as the manifest streams in, not its 100,000 outcomes.
        var fetched = new List<BronzeRef>();
        var manifest = await _lake.ReadJsonItemsAsync(LakeContainers.Bronze, bronzeManifestBlobName, PipelineJsonContext.Blobs.RunManifest, "movies",
                PipelineJsonContext.Blobs.MovieOutcome, m => Keep(m, runFolder, fetched), cancellationToken)
            ?? throw new PipelineInputException($"No bronze manifest at bronze/{bronzeManifestBlobName}.");
        if (manifest.RunId != RunIds.OfRunFolder(runFolder))
        {
            throw new PipelineInputException($"bronze/{bronzeManifestBlobName} is the manifest of run '{manifest.RunId}', not of the run folder it is in.");
        }

        var rejects = new List<SilverReject>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var moviesBlob = SilverPaths.Movies(runFolder);
        var rejectsBlob = SilverPaths.Rejects(runFolder);
        BinaryData movies;
        int rowCount;
        await using (var table = await ParquetTable.CreateWriterAsync<SilverMovie>(cancellationToken))
        {
            // A row group at a time, in the manifest's order: only one group's rows are held, whatever the run's size.
            var read = new (SilverMovie? Row, SilverValidationError? Error)[Math.Min(_rowGroupRows, fetched.Count)];
            var rows = new List<SilverMovie>(read.Length);
            for (var start = 0; start < fetched.Count; start += _rowGroupRows)
            {
                var count = Math.Min(_rowGroupRows, fetched.Count - start);
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, count),
                    new ParallelOptions { MaxDegreeOfParallelism = _parallelReads, CancellationToken = cancellationToken },
                    async (i, token) => read[i] = await ReadAsync(manifest, fetched[start + i], runFolder, token));

                rows.Clear();
                for (var i = 0; i < count; i++)
                {
                    var movie = fetched[start + i];
                    var (row, error) = read[i];
                    read[i] = default;
                    if (row is not null && error is null && seen.TryGetValue(row.ImdbId, out var first))
                    {
                        error = new SilverValidationError(RejectReasons.DuplicateImdbId, $"{row.ImdbId} already in this run as {first}");
                    }

                    if (error is not null)
                    {
                        Log.Rejected(_logger, manifest.RunId, movie.MovieKey, error.Reason, error.Detail);
                        rejects.Add(new SilverReject(manifest.RunId, movie.MovieKey, BlobOf(movie, runFolder), error.Reason, error.Detail));
                        continue;
                    }

                    seen.Add(row!.ImdbId, movie.MovieKey);
                    rows.Add(row);
                }

                await table.WriteRowGroupAsync(rows, cancellationToken);
            }

            rowCount = table.Rows;
            movies = await table.FinishAsync();
        }

        await _lake.UploadAsync(LakeContainers.Silver, moviesBlob, movies, overwrite: true, cancellationToken);
        await _lake.UploadAsync(LakeContainers.Silver, rejectsBlob, ToJsonLines(rejects), overwrite: true, cancellationToken);

        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var reject in rejects)
        {
            byReason[reject.Reason] = byReason.GetValueOrDefault(reject.Reason) + 1;
        }

        var silver = new SilverManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, SilverPaths.SchemaVersion, bronzeManifestBlobName,
            manifest.Counts, manifest.FatalReason, fetched.Count, rowCount, rejects.Count, byReason, moviesBlob, rejectsBlob);
        var manifestBlob = SilverPaths.Manifest(runFolder);
        // Written last: its arrival starts gold, which then finds the dataset complete.
        await _lake.WriteJsonAsync(LakeContainers.Silver, manifestBlob, silver, PipelineJsonContext.Blobs.SilverManifest, overwrite: true, cancellationToken);
        Log.Promoted(_logger, manifest.RunId, manifestBlob, fetched.Count, rowCount, rejects.Count);
        return new SilverResult(manifestBlob, fetched.Count, rowCount, rejects.Count, byReason);
    }

    private static void Keep(MovieOutcome movie, string runFolder, List<BronzeRef> fetched)
    {
        if (MovieOutcomes.HasBronze(movie.Outcome))
        {
            // This run's own blob name is made again when needed; a cached movie's names an earlier run's.
            fetched.Add(new BronzeRef(movie.MovieKey, movie.Blob is { } blob && blob != BronzePaths.Movie(runFolder, movie.MovieKey) ? blob : null));
        }
    }

    /// <summary>True when <paramref name="blob"/> is named as a movie record of another run folder dated no later than this run.</summary>
    private static bool IsEarlierRecordName(string blob, string movieKey, DateOnly runDate)
        => BronzePaths.IsMovie(blob, movieKey)
            && DateOnly.ParseExact(blob[..10], "yyyy'/'MM'/'dd", System.Globalization.CultureInfo.InvariantCulture) <= runDate;

    private static string BlobOf(BronzeRef movie, string runFolder) => movie.Blob ?? BronzePaths.Movie(runFolder, movie.MovieKey);

    /// <summary>A movie of the manifest with a bronze record: its key, and its blob when not this run's own.</summary>
    private readonly record struct BronzeRef(string MovieKey, string? Blob);

    private async Task<(SilverMovie? Row, SilverValidationError? Error)> ReadAsync(RunManifest manifest, BronzeRef movie, string runFolder, CancellationToken cancellationToken)
    {
        var blob = BlobOf(movie, runFolder);
        // A cached movie's blob is read only when its name is an earlier run's record of the same movie: a manifest
        // naming any other blob (a provider file, the enrichment state) gets nothing from it.
        if (movie.Blob is not null && !IsEarlierRecordName(movie.Blob, movie.MovieKey, manifest.RunDate))
        {
            return (null, new SilverValidationError(RejectReasons.MissingBronze, $"bronze/{blob} is not an earlier run's record of {movie.MovieKey}"));
        }

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

        if (record.MovieKey != movie.MovieKey || record.RunId != RunIds.OfRunFolder(blob[..blob.LastIndexOf('/')]))
        {
            return (null, new SilverValidationError(RejectReasons.MissingBronze, $"bronze/{blob} holds run '{record.RunId}', movie '{record.MovieKey}', not this movie's record"));
        }

        var parsed = OmdbAnswerParser.Parse(record, blob);
        if (parsed.Movie is null)
        {
            return (null, parsed.Error);
        }

        // The row belongs to this run's dataset, whichever run's bronze holds its answer (a cached movie's is older).
        var row = parsed.Movie with { RunId = manifest.RunId };
        return (row, SilverValidator.Validate(row, manifest.RunDate));
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
