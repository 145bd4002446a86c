using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Gold;

/// <summary>Silver to gold for one run, started by its silver manifest: upserts the run's films into the
/// current <c>movies_unified</c>, recomputes the summaries from it, upserts the run's quality row, and
/// writes every table as Parquet and CSV to the run's history folder, then to <c>latest/</c>. Work grows
/// with the run and the current table, never with the number of past runs. Idempotent: promoting the
/// same run again writes the same bytes.</summary>
public sealed class GoldPromoter(ILakeStore lake, IOptions<GoldOptions> options, ILogger<GoldPromoter> logger)
{
    public async Task<GoldResult> PromoteAsync(string silverManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silverManifestBlobName);
        if (!SilverPaths.IsManifest(silverManifestBlobName))
        {
            throw new PipelineInputException($"'{silverManifestBlobName}' is not a silver run manifest (…/{SilverPaths.ManifestFileName}).");
        }

        var manifest = await lake.ReadJsonAsync(LakeContainers.Silver, silverManifestBlobName, PipelineJsonContext.Blobs.SilverManifest, cancellationToken)
            ?? throw new PipelineInputException($"No silver manifest at silver/{silverManifestBlobName}.");
        var runFolder = SilverPaths.RunFolderOf(silverManifestBlobName);
        var silverContent = await lake.DownloadAsync(LakeContainers.Silver, manifest.MoviesBlob, cancellationToken)
            ?? throw new InvalidDataException($"Silver manifest {silverManifestBlobName} names silver/{manifest.MoviesBlob}, which does not exist.");
        var silver = await ParquetTable.ReadAsync<SilverMovie>(silverContent, cancellationToken);

        var incoming = silver.Select(m => GoldTables.Unify(m, manifest.StartedAt));
        var movies = GoldTables.Upsert(await ReadLatestAsync<MoviesUnifiedRow>(GoldPaths.MoviesUnified, cancellationToken), incoming);
        var quality = GoldTables.Quality(manifest, [.. silver], options.Value.RejectThresholdPercent);
        var runs = GoldTables.Upsert(await ReadLatestAsync<RunQualityRow>(GoldPaths.RunQuality, cancellationToken), quality);
        if (quality.FailureReason is { } reason)
        {
            Log.QualityFailed(logger, manifest.RunId, reason);
        }

        var files = 0;
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);
        async Task PublishAsync<T>(string table, IReadOnlyCollection<T> tableRows)
            where T : class, new()
        {
            var parquet = await ParquetTable.WriteAsync(tableRows, cancellationToken);
            var csv = CsvTableWriter.Write(tableRows);
            // History first: latest is what readers see, so it changes only once the run's copy is safe.
            foreach (var name in new[] { GoldPaths.History(runFolder, table, "parquet"), GoldPaths.Latest(table, "parquet") })
            {
                await lake.UploadAsync(LakeContainers.Gold, name, parquet, overwrite: true, cancellationToken);
            }

            foreach (var name in new[] { GoldPaths.History(runFolder, table, "csv"), GoldPaths.Latest(table, "csv") })
            {
                await lake.UploadAsync(LakeContainers.Gold, name, csv, overwrite: true, cancellationToken);
            }

            files += 4;
            rows[table] = tableRows.Count;
        }

        await PublishAsync(GoldPaths.MoviesUnified, movies);
        await PublishAsync(GoldPaths.GenreSummary, GoldTables.Genres(movies));
        await PublishAsync(GoldPaths.DecadeSummary, GoldTables.Decades(movies));
        await PublishAsync(GoldPaths.DirectorSummary, GoldTables.Directors(movies));
        await PublishAsync(GoldPaths.RunQuality, runs);

        var goldManifest = new GoldManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, quality.Status, quality.FailureReason, silverManifestBlobName, rows);
        var manifestBlob = GoldPaths.HistoryManifest(runFolder);
        await lake.WriteJsonAsync(LakeContainers.Gold, manifestBlob, goldManifest, PipelineJsonContext.Blobs.GoldManifest, overwrite: true, cancellationToken);
        Log.Promoted(logger, manifest.RunId, manifestBlob, quality.Status, movies.Count);
        return new GoldResult(manifestBlob, quality.Status, quality.FailureReason, rows, files);
    }

    private async Task<IList<T>> ReadLatestAsync<T>(string table, CancellationToken cancellationToken)
        where T : class, new()
    {
        var content = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.Latest(table, "parquet"), cancellationToken);
        return content is null ? [] : await ParquetTable.ReadAsync<T>(content, cancellationToken);
    }
}
