using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Silver;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Gold;

/// <summary>Silver to gold for one run, started by its silver manifest: reads the silver columns gold needs, makes
/// the run's <c>movies_unified</c> rows (<see cref="GoldTables.UnifyAll(ParquetColumns, DateTimeOffset)"/>), merges them into the current table,
/// versions the films whose facts changed in <c>movie_history</c>, recomputes the summaries in one pass, upserts the
/// run's quality row, and publishes every table through <see cref="GoldCommitter"/> (one unit, under the gold lease,
/// so concurrent promotions never lose each other's films). Work grows with the run and the current tables, never
/// with the number of past runs. Idempotent: promoting the same run again writes the same bytes.</summary>
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

    public Task<GoldResult> PromoteAsync(string silverManifestBlobName, CancellationToken cancellationToken = default)
        => PromoteAsync(silverManifestBlobName, null, cancellationToken);

    /// <summary>Promotes the run; <paramref name="publishWith"/> adds files to the same commit (the run's report:
    /// <see cref="GoldChanges.AddLatestFile"/>, <see cref="GoldChanges.AddFile"/>), so they are published with the
    /// version they belong to.</summary>
    public async Task<GoldResult> PromoteAsync(string silverManifestBlobName, Action<GoldChanges>? publishWith, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silverManifestBlobName);
        if (!SilverPaths.IsManifest(silverManifestBlobName))
        {
            throw new PipelineInputException($"'{silverManifestBlobName}' is not a silver run manifest ({{yyyy}}/{{MM}}/{{dd}}/{{runId}}/{SilverPaths.ManifestFileName}).");
        }

        var manifest = await _lake.ReadJsonAsync(LakeContainers.Silver, silverManifestBlobName, PipelineJsonContext.Blobs.SilverManifest, cancellationToken)
            ?? throw new PipelineInputException($"No silver manifest at silver/{silverManifestBlobName}.");
        var runFolder = SilverPaths.RunFolderOf(silverManifestBlobName);
        if (manifest.RunId != RunIds.OfRunFolder(runFolder))
        {
            throw new PipelineInputException($"silver/{silverManifestBlobName} is the manifest of run '{manifest.RunId}', not of the run folder it is in.");
        }
        var (incoming, quality) = await ReadRunAsync(manifest, silverManifestBlobName, cancellationToken);
        // The read usually finishes on a pool thread, and then everything after this line runs inside its completion,
        // whose async state still holds the silver rows (half the heap at 100,000 rows) until that state is cleared on
        // return. Yielding here lets it return first, so the silver rows can be collected before the commit.
        await Task.Yield();
        if (quality.FailureReason is { } reason)
        {
            Log.QualityFailed(_logger, manifest.RunId, reason);
        }

        var movieCount = 0;
        var commit = await _committer.CommitAsync(manifest.RunId, runFolder, async (current, token) =>
        {
            var (films, history, runs) = await ReadCurrentAsync(current, incoming, token);
            var merged = GoldTables.Merge(films, incoming);
            movieCount = merged.Rows.Count;
            var changes = new GoldChanges();
            // The history needs only the films the run refreshed: it is versioned on another core while the tables made
            // from all the films are built, and movies_unified, the largest, is serialized from the moment it is added.
            var versions = Task.Run(() => MovieHistory.Apply(history ?? MovieHistory.Seed(films), merged.Refreshed), token);
            if (_providers is null)
            {
                GoldTables.AddSummaries(changes.AddTable(GoldPaths.MoviesUnified, merged.Rows).StartSerializing(token), merged.Rows);
            }
            else
            {
                // The providers' current tables are read under the gold lease: a provider file made current before this
                // commit is in it, one made current after publishes its own version from these films.
                await _providers.AddTablesAsync(changes, merged.Rows, token);
            }

            changes.AddTable(GoldPaths.MovieHistory, await versions);
            changes.AddTable(GoldPaths.RunQuality, GoldTables.Upsert(runs, quality));
            var goldManifest = new GoldManifest(manifest.RunId, manifest.RunDate, manifest.StartedAt, quality.Status, quality.FailureReason, silverManifestBlobName, changes.TableRows);
            changes.AddFile(GoldPaths.HistoryManifest(runFolder), new BinaryData(JsonSerializer.SerializeToUtf8Bytes(goldManifest, PipelineJsonContext.Blobs.GoldManifest)));
            publishWith?.Invoke(changes);
            return changes;
        }, cancellationToken);

        var manifestBlob = GoldPaths.HistoryManifest(runFolder);
        Log.Promoted(_logger, manifest.RunId, manifestBlob, quality.Status, movieCount);
        return new GoldResult(manifestBlob, quality.Status, quality.FailureReason, commit.Version.TableRows, commit.FilesWritten, commit.Version.Version, commit.Version.ContentHash);
    }

    /// <summary>The run's films as unified rows and its quality row, from the silver columns gold needs, read as columns
    /// (no silver row objects: they were half the heap at 100,000 rows). The columns are dropped once the unified rows
    /// exist.</summary>
    private async Task<(MoviesUnifiedRow[] Incoming, RunQualityRow Quality)> ReadRunAsync(SilverManifest manifest, string manifestBlob, CancellationToken cancellationToken)
    {
        var content = await _lake.DownloadAsync(LakeContainers.Silver, manifest.MoviesBlob, cancellationToken)
            ?? throw new InvalidDataException($"Silver manifest {manifestBlob} names silver/{manifest.MoviesBlob}, which does not exist.");
        var silver = await ParquetColumns.ReadAsync(content, GoldTables.SilverColumns, cancellationToken);
        return (GoldTables.UnifyAll(silver, manifest.StartedAt), GoldTables.Quality(manifest, SilverNullCounts.Of(silver), _options.Value.RejectThresholdPercent));
    }

    /// <summary>The committed tables a promotion builds on. No <c>movie_history</c> yet (gold written before it existed,
    /// or empty) is null: it is seeded from every current film. Otherwise only the current films the merge keeps
    /// against <paramref name="incoming"/> are read as rows (<see cref="CurrentFilms"/>): the run's films replace the
    /// rest.</summary>
    private async Task<(IReadOnlyList<MoviesUnifiedRow> Films, IReadOnlyList<MovieHistoryRow>? History, IReadOnlyList<RunQualityRow> Runs)> ReadCurrentAsync(
        GoldState current, IReadOnlyList<MoviesUnifiedRow> incoming, CancellationToken cancellationToken)
    {
        var history = current.ReadTableOrNullAsync<MovieHistoryRow>(GoldPaths.MovieHistory, cancellationToken);
        var runs = current.ReadTableAsync<RunQualityRow>(GoldPaths.RunQuality, cancellationToken);
        await Task.WhenAll(history, runs);
        if (await history is null)
        {
            // With providers, movies_unified holds their columns too: the runs' own films are movies_enriched.
            var all = _providers is null
                ? current.ReadTableAsync<MoviesUnifiedRow>(GoldPaths.MoviesUnified, cancellationToken)
                : ReadEnrichedAsync(current, cancellationToken);
            return (await all, null, await runs);
        }

        var table = _providers is null ? GoldPaths.MoviesUnified : ProviderGold.EnrichedTableOf(current);
        var films = await CurrentFilms.ReadKeptAsync(await current.ReadTableFileAsync(table, cancellationToken), incoming, cancellationToken);
        return (films, await history, await runs);
    }

    private static async Task<IReadOnlyList<MoviesUnifiedRow>> ReadEnrichedAsync(GoldState current, CancellationToken cancellationToken)
        => await ProviderGold.ReadEnrichedAsync(current, cancellationToken);
}
