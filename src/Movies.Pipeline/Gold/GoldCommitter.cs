using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>Publishes gold as one unit. Under the gold lease (<c>gold/_commit.lock</c>) a commit repairs what a
/// crashed commit left, reads the committed state, lets the caller compute the new tables, and writes: the run's
/// history copy first, then <c>_commit.json</c> (the version about to be published), then latest with
/// run_quality last, then <c>latest/_version.json</c> last of all. A crash before the marker leaves the previous
/// version's marker in place and the new version complete in history; the next commit rolls it forward into latest
/// before doing its own work. The same tables of the same run publish nothing (reruns stay byte-identical).</summary>
public sealed class GoldCommitter(ILakeStore lake, ILogger<GoldCommitter> logger)
{
    /// <summary>How long a promotion waits for another to finish publishing.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);

    public async Task<GoldCommit> CommitAsync(string runId, string runFolder, Func<GoldState, CancellationToken, Task<GoldChanges>> build, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        ArgumentNullException.ThrowIfNull(build);
        await using var lease = await lake.AcquireLeaseAsync(LakeContainers.Gold, GoldPaths.CommitLock, LockWait, cancellationToken);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        var token = held.Token;

        var marker = await lake.DownloadWithVersionAsync(LakeContainers.Gold, GoldPaths.LatestVersion, token);
        var committed = marker is null ? null : Parse(marker.Content, GoldPaths.LatestVersion);
        var pending = await ReadVersionAsync(GoldPaths.PendingVersion, token);
        if (pending is not null && pending.Version > (committed?.Version ?? 0))
        {
            committed = await RollForwardAsync(pending, committed, marker?.Version, token) ?? committed;
            marker = await lake.DownloadWithVersionAsync(LakeContainers.Gold, GoldPaths.LatestVersion, token);
        }

        var changes = await build(new GoldState(lake, committed), token);
        var files = new List<(string Latest, BinaryData Content)>();
        foreach (var table in changes.TablesInOrder)
        {
            files.Add((GoldPaths.Latest(table.Name, "parquet"), await table.Parquet(token)));
            files.Add((GoldPaths.Latest(table.Name, "csv"), table.Csv()));
        }

        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
        {
            hashes[name] = GoldState.HashOf(content);
        }

        var contentHash = ContentHashOf(hashes);
        if (committed is not null && committed.RunId == runId && committed.HistoryFolder == runFolder && committed.ContentHash == contentHash)
        {
            Log.Unchanged(logger, runId, committed.Version);
            return new GoldCommit(committed, 0);
        }

        var version = new GoldVersion(Math.Max(committed?.Version ?? 0, pending?.Version ?? 0) + 1, runId, runFolder,
            new SortedDictionary<string, int>(changes.TableRows.ToDictionary(), StringComparer.Ordinal), hashes, contentHash);
        foreach (var (name, content) in files)
        {
            await lake.UploadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(runFolder, name), content, overwrite: true, token);
        }

        foreach (var (name, content) in changes.Files)
        {
            await lake.UploadAsync(LakeContainers.Gold, name, content, overwrite: true, token);
        }

        await lake.UploadAsync(LakeContainers.Gold, GoldPaths.PendingVersion, Serialize(version), overwrite: true, token);
        foreach (var (name, content) in files)
        {
            await lake.UploadAsync(LakeContainers.Gold, name, content, overwrite: true, token);
        }

        await PublishMarkerAsync(version, marker?.Version, token);
        Log.Committed(logger, runId, version.Version, version.ContentHash);
        return new GoldCommit(version, (files.Count * 2) + changes.Files.Count + 2);
    }

    /// <summary>The SHA-256 of the sorted list of latest files and their hashes.</summary>
    public static string ContentHashOf(IReadOnlyDictionary<string, string> fileHashes)
    {
        ArgumentNullException.ThrowIfNull(fileHashes);
        var lines = new StringBuilder();
        foreach (var (name, hash) in fileHashes.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            lines.Append(name).Append(' ').Append(hash).Append('\n');
        }

        return GoldState.HashOf(BinaryData.FromString(lines.ToString()));
    }

    /// <summary>Copies a version that was completely written to history, but not to latest, into latest.
    /// Returns it, or null (and leaves latest alone) when its history copy is not what it recorded.</summary>
    private async Task<GoldVersion?> RollForwardAsync(GoldVersion pending, GoldVersion? committed, string? markerVersion, CancellationToken cancellationToken)
    {
        var copies = new List<(string Latest, BinaryData Content)>();
        foreach (var (name, hash) in pending.Files)
        {
            var copy = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(pending.HistoryFolder, name), cancellationToken);
            if (copy is null || GoldState.HashOf(copy) != hash)
            {
                Log.CannotRollForward(logger, pending.Version, pending.RunId, committed?.Version ?? 0);
                return null;
            }

            copies.Add((name, copy));
        }

        // The same order as a commit: run_quality last.
        var runQuality = GoldPaths.LatestFolder + "/" + GoldPaths.RunQuality + ".";
        foreach (var (name, content) in copies.Where(c => !c.Latest.StartsWith(runQuality, StringComparison.Ordinal))
            .Concat(copies.Where(c => c.Latest.StartsWith(runQuality, StringComparison.Ordinal))))
        {
            await lake.UploadAsync(LakeContainers.Gold, name, content, overwrite: true, cancellationToken);
        }

        await PublishMarkerAsync(pending, markerVersion, cancellationToken);
        Log.RolledForward(logger, pending.Version, pending.RunId);
        return pending;
    }

    // Conditional on the marker this commit read: if it changed, another writer got in (a lost lease), so stop.
    private async Task PublishMarkerAsync(GoldVersion version, string? readAt, CancellationToken cancellationToken)
    {
        if (!await lake.UploadIfVersionAsync(LakeContainers.Gold, GoldPaths.LatestVersion, Serialize(version), readAt, cancellationToken))
        {
            throw new InvalidOperationException($"gold/{GoldPaths.LatestVersion} changed while version {version.Version} was being published: another promotion took over the gold lease. Promote run {version.RunId} again.");
        }
    }

    private async Task<GoldVersion?> ReadVersionAsync(string name, CancellationToken cancellationToken)
    {
        var content = await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken);
        return content is null ? null : Parse(content, name);
    }

    private static GoldVersion Parse(BinaryData content, string name)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.GoldVersion)
                ?? throw new InvalidDataException($"gold/{name} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"gold/{name} is not a gold version marker: {e.Message}", e);
        }
    }

    private static BinaryData Serialize(GoldVersion version) => new(JsonSerializer.SerializeToUtf8Bytes(version, PipelineJsonContext.Blobs.GoldVersion));
}
