using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>Publishes gold as one unit. Under the gold lease (<c>gold/_commit.lock</c>) a commit repairs what a
/// crashed commit left, reads the committed state, lets the caller compute the new tables, serializes them all at
/// once, and writes: the run's history copy first, then <c>_commit.json</c> (the version about to be published),
/// then latest with run_quality after the other tables and the files published with them (the report's latest.html)
/// after it, then <c>latest/_version.json</c> last of all; the files of each step at once. A crash before the marker leaves the previous
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
        var files = await SerializeAsync(changes, token);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            hashes[file.Name] = file.Hash;
        }

        var contentHash = ContentHashOf(hashes);
        if (committed is not null && committed.RunId == runId && committed.HistoryFolder == runFolder && committed.ContentHash == contentHash)
        {
            Log.Unchanged(logger, runId, committed.Version);
            return new GoldCommit(committed, 0);
        }

        var version = new GoldVersion(Math.Max(committed?.Version ?? 0, pending?.Version ?? 0) + 1, runId, runFolder,
            new SortedDictionary<string, int>(changes.TableRows.ToDictionary(), StringComparer.Ordinal), hashes, contentHash);

        // Within each step the files are independent, so they go at once; the steps keep their order.
        await UploadAllAsync(files.Select(f => (GoldPaths.HistoryOf(runFolder, f.Name), f.Content)), token);
        await UploadAllAsync(changes.Files, token);
        await lake.UploadAsync(LakeContainers.Gold, GoldPaths.PendingVersion, Serialize(version), overwrite: true, token);
        foreach (var step in files.GroupBy(f => f.Step).OrderBy(g => g.Key))
        {
            await UploadAllAsync(step.Select(f => (f.Name, f.Content)), token);
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
        var copies = await Task.WhenAll(pending.Files.Select(async f =>
            (Name: f.Key, Content: await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(pending.HistoryFolder, f.Key), cancellationToken), Hash: f.Value)));
        if (copies.Any(c => c.Content is null || GoldState.HashOf(c.Content) != c.Hash))
        {
            Log.CannotRollForward(logger, pending.Version, pending.RunId, committed?.Version ?? 0);
            return null;
        }

        // The same order as a commit: tables, run_quality, then the other files.
        foreach (var step in copies.GroupBy(c => StepOf(c.Name)).OrderBy(g => g.Key))
        {
            await UploadAllAsync(step.Select(c => (c.Name, c.Content!)), cancellationToken);
        }

        await PublishMarkerAsync(pending, markerVersion, cancellationToken);
        Log.RolledForward(logger, pending.Version, pending.RunId);
        return pending;
    }

    /// <summary>Serializes every table (Parquet and CSV) and hashes it and every latest file, all at once on the
    /// machine's cores, the largest tables first; returns them in publication order.</summary>
    private static async Task<List<PublishedFile>> SerializeAsync(GoldChanges changes, CancellationToken cancellationToken)
    {
        var jobs = new List<(int Order, long Cells, Func<Task<PublishedFile>> Make)>();
        foreach (var table in changes.TablesInOrder)
        {
            var (parquet, csv) = (GoldPaths.Latest(table.Name, "parquet"), GoldPaths.Latest(table.Name, "csv"));
            jobs.Add((jobs.Count, table.Cells, async () => PublishedFile.Of(parquet, await table.ParquetAsync(cancellationToken))));
            jobs.Add((jobs.Count, table.Cells, async () => PublishedFile.Of(csv, await table.CsvAsync(cancellationToken))));
        }

        foreach (var (name, content) in changes.LatestFiles)
        {
            jobs.Add((jobs.Count, 0, () => Task.FromResult(PublishedFile.Of(name, content))));
        }

        var started = jobs.OrderByDescending(j => j.Cells).ThenBy(j => j.Order).Select(j => (j.Order, File: Task.Run(j.Make, cancellationToken))).ToList();
        await Task.WhenAll(started.Select(s => s.File));
        return [.. started.OrderBy(s => s.Order).Select(s => s.File.Result)];
    }

    // Every upload is started and awaited, even when one fails at once: none is left running behind the commit.
    private async Task UploadAllAsync(IEnumerable<(string Name, BinaryData Content)> files, CancellationToken cancellationToken)
        => await Task.WhenAll(files.Select(async f => await lake.UploadAsync(LakeContainers.Gold, f.Name, f.Content, overwrite: true, cancellationToken)));

    /// <summary>When a published file reaches its name: the tables (0), then run_quality (1), which names the runs
    /// whose films the tables hold, then the files published with them (2: the report's latest.html), so each shows
    /// what the marker written after them names.</summary>
    private static int StepOf(string name)
        => name.StartsWith(GoldPaths.LatestFolder + "/" + GoldPaths.RunQuality + ".", StringComparison.Ordinal) ? 1
            : name.StartsWith(GoldPaths.LatestFolder + "/", StringComparison.Ordinal) ? 0
            : 2;

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

    /// <summary>A file of the version being published: its name, bytes, SHA-256 and step (<see cref="StepOf"/>).</summary>
    private sealed record PublishedFile(string Name, BinaryData Content, string Hash, int Step)
    {
        public static PublishedFile Of(string name, BinaryData content) => new(name, content, GoldState.HashOf(content), StepOf(name));
    }
}
