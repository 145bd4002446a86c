using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;

namespace Movies.Pipeline.Gold;

/// <summary>Silver to gold for one run, started by its silver manifest: upserts the run's films into the
/// current <c>movies_unified</c>, recomputes the summaries from it, upserts the run's quality row, and publishes
/// every table through <see cref="GoldCommitter"/> (one unit, under the gold lease, so concurrent promotions never
/// lose each other's films). Work grows with the run and the current table, never with the number of past runs.
/// Idempotent: promoting the same run again writes the same bytes.</summary>
public sealed class GoldPromoter
{
    private readonly ILakeStore _lake;
    private readonly GoldCommitter _committer;
    private readonly IOptions<GoldOptions> _options;
    private readonly ILogger<GoldPromoter> _logger;
    private readonly ProviderGold? _providers;

    public GoldPromoter(ILakeStore lake, GoldCommitter committer, IOptions<GoldOptions> options, ILogger<GoldPromoter> logger)
    {
        _lake = lake;
        _committer = committer;
        _options = options;
        _logger = logger;
    }

    /// <summary>A promoter that also joins the declared providers (<see cref="ProviderGold"/>) into the version it commits.</summary>
    public GoldPromoter(ILakeStore lake, GoldCommitter committer, ProviderGold providers, IOptions<GoldOptions> options, ILogger<GoldPromoter> logger)
        : this(lake, committer, options, logger)
    {
        _providers = providers;
    }

    /// <summary>A promoter with its own committer over <paramref name="lake"/> (benchmarks, tools).</summary>
    public GoldPromoter(ILakeStore lake, IOptions<GoldOptions> options, ILogger<GoldPromoter> logger)
        : this(lake, new GoldCommitter(lake, NullLogger<GoldCommitter>.Instance), options, logger)
    {
    }

    public async Task<GoldResult> PromoteAsync(string silverManifestBlobName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silverManifestBlobName);
        if (!SilverPaths.IsManifest(silverManifestBlobName))
        {
            throw new PipelineInputException($"'{silverManifestBlobName}' is not a silver run manifest (…/{SilverPaths.ManifestFileName}).");
        }

        var manifest = await _lake.ReadJsonAsync(LakeContainers.Silver, silverManifestBlobName, PipelineJsonContext.Blobs.SilverManifest, cancellationToken)
            ?? throw new PipelineInputException($"No silver manifest at silver/{silverManifestBlobName}.");
        var runFolder = SilverPaths.RunFolderOf(silverManifestBlobName);
        var silverContent = await _lake.DownloadAsync(LakeContainers.Silver, manifest.MoviesBlob, cancellationToken)
            ?? throw new InvalidDataException($"Silver manifest {silverManifestBlobName} names silver/{manifest.MoviesBlob}, which does not exist.");
        var silver = await ParquetTable.ReadAsync<SilverMovie>(silverContent, cancellationToken);

        var incoming = silver.Select(m => GoldTables.Unify(m, manifest.StartedAt)).ToList();
        var quality = GoldTables.Quality(manifest, [.. silver], _options.Value.RejectThresholdPercent);
        if (quality.FailureReason is { } reason)
        {
            Log.QualityFailed(_logger, manifest.RunId, reason);
        }

        var movieCount = 0;
        var commit = await _committer.CommitAsync(manifest.RunId, runFolder, async (current, token) =>
        {
            var films = _providers is null
                ? await current.ReadTableAsync<MoviesUnifiedRow>(GoldPaths.MoviesUnified, token)
                : await ProviderGold.ReadEnrichedAsync(current, token);
            var movies = GoldTables.Upsert(films, incoming);
            var runs = GoldTables.Upsert(await current.ReadTableAsync<RunQualityRow>(GoldPaths.RunQuality, token), quality);
            movieCount = movies.Count;
            var changes = new GoldChanges();
            if (_providers is null)
            {
                changes.AddTable(GoldPaths.MoviesUnified, movies)
                    .AddTable(GoldPaths.GenreSummary, GoldTables.Genres(movies))
                    .AddTable(GoldPaths.DecadeSummary, GoldTables.Decades(movies))
                    .AddTable(GoldPaths.DirectorSummary, GoldTables.Directors(movies));
            }
            else
            {
                // The providers' current tables are read under the gold lease: a provider file made current before this
                // commit is in it, one made current after publishes its own version from these films.
                await _providers.AddTablesAsync(changes, movies, token);
            }

            changes.AddTable(GoldPaths.RunQuality, runs);
            var goldManifest = new GoldManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, quality.Status, quality.FailureReason, silverManifestBlobName, changes.TableRows);
            return changes.AddFile(GoldPaths.HistoryManifest(runFolder), new BinaryData(JsonSerializer.SerializeToUtf8Bytes(goldManifest, PipelineJsonContext.Blobs.GoldManifest)));
        }, cancellationToken);

        var manifestBlob = GoldPaths.HistoryManifest(runFolder);
        Log.Promoted(_logger, manifest.RunId, manifestBlob, quality.Status, movieCount);
        return new GoldResult(manifestBlob, quality.Status, quality.FailureReason, commit.Version.TableRows, commit.FilesWritten, commit.Version.Version, commit.Version.ContentHash);
    }
}
