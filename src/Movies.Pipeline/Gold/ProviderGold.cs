using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Providers;
using Movies.Pipeline.Report;

namespace Movies.Pipeline.Gold;

/// <summary>Gold's side of the providers. Every gold version holds the films of the daily runs as they are
/// (<c>movies_enriched</c>), and <c>movies_unified</c>, the summaries, <c>unmatched_provider_rows</c> and
/// <c>provider_coverage</c> built from those films and the current silver table of every provider. A run's promotion
/// adds these tables through <see cref="AddTablesAsync"/>; a provider file that arrives without a run publishes them
/// through <see cref="PublishAsync"/>, from the committed <c>movies_enriched</c> and <c>run_quality</c>: no OMDb silver is
/// read again. Both read the providers' current tables under the gold lease, so whichever commits last sees every
/// provider file made current before it.</summary>
public sealed class ProviderGold(ILakeStore lake, GoldCommitter committer, ProviderCatalog catalog, ProviderSilverWriter silver, ILogger<ProviderGold> logger)
{
    /// <summary>The current table of every declared provider (none for a provider without a file yet).</summary>
    public async Task<IReadOnlyList<ProviderTable>> ReadCurrentAsync(CancellationToken cancellationToken = default)
    {
        var tables = new List<ProviderTable>();
        foreach (var provider in catalog.Providers)
        {
            var current = await silver.ReadCurrentAsync(provider.Name, cancellationToken);
            ColumnTable? rows = null;
            if (current is not null)
            {
                var content = await lake.DownloadAsync(LakeContainers.Silver, current.TableBlob, cancellationToken)
                    ?? throw new InvalidDataException($"silver/{ProviderPaths.Current(provider.Name)} names silver/{current.TableBlob}, which does not exist.");
                rows = await ColumnTable.ReadParquetAsync(content, cancellationToken);
            }

            tables.Add(new ProviderTable(provider, current, rows));
        }

        return tables;
    }

    /// <summary>Joins the providers' current tables onto <paramref name="enriched"/> (the runs' films) and adds every
    /// table of a gold version but run_quality to <paramref name="changes"/>. Until a provider file has arrived (or without
    /// declared providers) gold is what it was before providers existed: <c>movies_unified</c> is the runs' films, and no
    /// provider table is published.</summary>
    public async Task<ProviderJoinResult> AddTablesAsync(GoldChanges changes, IReadOnlyList<MoviesUnifiedRow> enriched, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(enriched);
        var tables = catalog.HasProviders ? await ReadCurrentAsync(cancellationToken) : [];
        if (tables.All(t => t.Current is null))
        {
            GoldTables.AddSummaries(changes.AddTable(GoldPaths.MoviesUnified, enriched).StartSerializing(cancellationToken), enriched);
            return new ProviderJoinResult(enriched, null, [], []);
        }

        var joined = ProviderJoin.Join(enriched, tables, catalog);
        var films = joined.Films;
        GoldTables.AddSummaries(changes.AddTable(GoldPaths.MoviesUnified, joined.Unified!).StartSerializing(cancellationToken), films)
            .AddTable(GoldPaths.MoviesEnriched, enriched)
            .AddTable(GoldPaths.UnmatchedProviderRows, joined.Unmatched)
            .AddTable(GoldPaths.ProviderCoverage, joined.Coverage);
        return joined;
    }

    /// <summary>The provider silver version each provider had when the committed gold version joined it.</summary>
    public async Task<IReadOnlyDictionary<string, long>> JoinedVersionsAsync(CancellationToken cancellationToken = default)
    {
        var version = await GoldLatestReader.ReadVersionAsync(lake, cancellationToken);
        if (version is null || !version.Files.ContainsKey(GoldPaths.Latest(GoldPaths.ProviderCoverage, "parquet")))
        {
            return new Dictionary<string, long>();
        }

        var coverage = await new GoldState(lake, version).ReadTableAsync<ProviderCoverageRow>(GoldPaths.ProviderCoverage, cancellationToken);
        return coverage.ToDictionary(c => c.Provider, c => c.SilverVersion, StringComparer.Ordinal);
    }

    /// <summary>How the providers join the committed gold version: each provider's coverage, and its unmatched rows by
    /// reason (empty before gold has provider tables).</summary>
    public async Task<(IReadOnlyList<ProviderCoverageRow> Coverage, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> UnmatchedByReason)> ReadJoinAsync(
        CancellationToken cancellationToken = default)
    {
        var version = await GoldLatestReader.ReadVersionAsync(lake, cancellationToken);
        if (version is null || !version.Files.ContainsKey(GoldPaths.Latest(GoldPaths.ProviderCoverage, "parquet")))
        {
            return ([], new Dictionary<string, IReadOnlyDictionary<string, int>>());
        }

        var state = new GoldState(lake, version);
        var coverage = await state.ReadTableAsync<ProviderCoverageRow>(GoldPaths.ProviderCoverage, cancellationToken);
        var unmatched = await state.ReadTableAsync<UnmatchedProviderRow>(GoldPaths.UnmatchedProviderRows, cancellationToken);
        return ([.. coverage], ByReason(unmatched));
    }

    /// <summary>Publishes gold from the committed films and runs and the providers' current tables, as the arrival
    /// <paramref name="arrivalId"/> (its gold history folder is <c>{yyyy}/{MM}/{dd}/{arrivalId}</c>).</summary>
    public async Task<GoldResult> PublishAsync(string arrivalId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(arrivalId);
        var date = DateOnly.ParseExact(arrivalId[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
        var folder = string.Create(CultureInfo.InvariantCulture, $"{date:yyyy'/'MM'/'dd}/{arrivalId}");
        ProviderJoinResult? joined = null;
        var commit = await committer.CommitAsync(arrivalId, folder, async (state, token) =>
        {
            var enriched = await ReadEnrichedAsync(state, token);
            var runs = (await state.ReadTableAsync<RunQualityRow>(GoldPaths.RunQuality, token))
                .Select(r => r with { StartedAt = DateTime.SpecifyKind(r.StartedAt, DateTimeKind.Utc) }).ToList();
            var changes = new GoldChanges();
            joined = await AddTablesAsync(changes, enriched, token);
            // No run is promoted here: its history and its report page stay as the last run left them, in this version too.
            if (await state.ReadTableOrNullAsync<MovieHistoryRow>(GoldPaths.MovieHistory, token) is { } history)
            {
                changes.AddTable(GoldPaths.MovieHistory, history);
            }

            if (await state.ReadFileAsync(ReportPaths.Latest, token) is { } page)
            {
                changes.AddLatestFile(ReportPaths.Latest, page);
            }

            changes.AddTable(GoldPaths.RunQuality, runs);
            var versions = new SortedDictionary<string, long>(joined.Coverage.ToDictionary(c => c.Provider, c => c.SilverVersion), StringComparer.Ordinal);
            var manifest = new ProviderGoldManifest(arrivalId, versions, changes.TableRows);
            return changes.AddFile(GoldPaths.HistoryManifest(folder), new BinaryData(JsonSerializer.SerializeToUtf8Bytes(manifest, PipelineJsonContext.Blobs.ProviderGoldManifest)));
        }, cancellationToken);

        Log.ProvidersPublished(logger, arrivalId, commit.Version.Version, joined!.Films.Count);
        return new GoldResult(GoldPaths.HistoryManifest(folder), "succeeded", null, commit.Version.TableRows, commit.FilesWritten, commit.Version.Version, commit.Version.ContentHash);
    }

    /// <summary>Unmatched rows counted by provider, then reason.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByReason(IEnumerable<UnmatchedProviderRow> unmatched)
        => new SortedDictionary<string, IReadOnlyDictionary<string, int>>(unmatched.GroupBy(u => u.Provider, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, int>)new SortedDictionary<string, int>(g.GroupBy(u => u.Reason, StringComparer.Ordinal).ToDictionary(r => r.Key, r => r.Count()), StringComparer.Ordinal),
            StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The committed films of the runs: <c>movies_enriched</c>, or for gold written before providers existed,
    /// its <c>movies_unified</c> (which then held exactly those films).</summary>
    public static async Task<List<MoviesUnifiedRow>> ReadEnrichedAsync(GoldState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. (await state.ReadTableAsync<MoviesUnifiedRow>(EnrichedTableOf(state), cancellationToken))
            .Select(r => r with { LastRefreshedAt = DateTime.SpecifyKind(r.LastRefreshedAt, DateTimeKind.Utc) })];
    }

    /// <summary>The table that holds the committed films of the runs (<see cref="ReadEnrichedAsync"/>).</summary>
    public static string EnrichedTableOf(GoldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Version?.Files.ContainsKey(GoldPaths.Latest(GoldPaths.MoviesEnriched, "parquet")) == true ? GoldPaths.MoviesEnriched : GoldPaths.MoviesUnified;
    }
}
