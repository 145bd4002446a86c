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
/// before doing its own work. The same tables of the same run publish nothing (reruns stay byte-identical).
/// Every write is fenced (<see cref="LeaseFence"/>): a promotion paused past its lease (a GC pause, a throttled or
/// migrated instance) cannot land a file over a newer promotion's when it resumes, and stops with
/// <see cref="LakeLeaseLostException"/> instead; so once a commit's marker is written, latest stays what it names.</summary>
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
        var fence = new LeaseFence(lake, lease);
        long? startedFrom = null;
        try
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            // Read through the fence: the marker and the pending version are written back only if still as read here.
            var marker = await fence.ReadAsync(LakeContainers.Gold, GoldPaths.LatestVersion, held.Token);
            var committed = marker is null ? null : Parse(marker.Content, GoldPaths.LatestVersion);
            startedFrom = committed?.Version ?? 0;
            return await CommitUnderLeaseAsync(fence, committed, runId, runFolder, build, held.Token);
        }
        catch (Exception e) when (e is LakeLeaseLostException || (e is OperationCanceledException && lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw await LostLeaseAsync(runId, startedFrom, e, cancellationToken);
        }
    }

    private async Task<GoldCommit> CommitUnderLeaseAsync(LeaseFence fence, GoldVersion? committed, string runId, string runFolder,
        Func<GoldState, CancellationToken, Task<GoldChanges>> build, CancellationToken token)
    {
        var pendingBlob = await fence.ReadAsync(LakeContainers.Gold, GoldPaths.PendingVersion, token);
        var pending = pendingBlob is null ? null : Parse(pendingBlob.Content, GoldPaths.PendingVersion);
        if (pending is not null && pending.Version > (committed?.Version ?? 0))
        {
            committed = await RollForwardAsync(fence, pending, committed, token) ?? committed;
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

        // The versions of everything this commit writes, read now (and the lease confirmed after), so each write lands only
        // on what is there now: one listing for latest and one for the run's history folder, one for each other file.
        var history = files.Select(f => (Name: GoldPaths.HistoryOf(runFolder, f.Name), f.Content)).ToList();
        await WatchAsync(fence, [.. history.Select(f => f.Name), .. changes.Files.Select(f => f.Name), .. files.Select(f => f.Name)],
            [GoldPaths.LatestFolder + "/", GoldPaths.HistoryOf(runFolder, string.Empty)], token);

        // Within each step the files are independent, so they go at once; the steps keep their order.
        await fence.WriteAllAsync(LakeContainers.Gold, history, token);
        await fence.WriteAllAsync(LakeContainers.Gold, changes.Files, token);
        await fence.WriteAsync(LakeContainers.Gold, GoldPaths.PendingVersion, Serialize(version), token);
        foreach (var step in files.GroupBy(f => f.Step).OrderBy(g => g.Key))
        {
            await fence.WriteAllAsync(LakeContainers.Gold, step.Select(f => (f.Name, f.Content)), token);
        }

        await fence.WriteAsync(LakeContainers.Gold, GoldPaths.LatestVersion, Serialize(version), token);
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
    private async Task<GoldVersion?> RollForwardAsync(LeaseFence fence, GoldVersion pending, GoldVersion? committed, CancellationToken cancellationToken)
    {
        var copies = await Task.WhenAll(pending.Files.Select(async f =>
            (Name: f.Key, Content: await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(pending.HistoryFolder, f.Key), cancellationToken), Hash: f.Value)));
        if (copies.Any(c => c.Content is null || GoldState.HashOf(c.Content) != c.Hash))
        {
            Log.CannotRollForward(logger, pending.Version, pending.RunId, committed?.Version ?? 0);
            return null;
        }

        await WatchAsync(fence, copies.Select(c => c.Name), [GoldPaths.LatestFolder + "/"], cancellationToken);
        // The same order as a commit: tables, run_quality, then the other files.
        foreach (var step in copies.GroupBy(c => StepOf(c.Name)).OrderBy(g => g.Key))
        {
            await fence.WriteAllAsync(LakeContainers.Gold, step.Select(c => (c.Name, c.Content!)), cancellationToken);
        }

        await fence.WriteAsync(LakeContainers.Gold, GoldPaths.LatestVersion, Serialize(pending), cancellationToken);
        Log.RolledForward(logger, pending.Version, pending.RunId);
        return pending;
    }

    /// <summary>Reads the versions of the files about to be written (the folders whole, one listing each; every other
    /// name on its own), then confirms the gold lease, so the writes are conditional on versions read while it was held.</summary>
    private static async Task WatchAsync(LeaseFence fence, IEnumerable<string> names, IReadOnlyList<string> folders, CancellationToken cancellationToken)
    {
        foreach (var folder in folders)
        {
            await fence.WatchFolderAsync(LakeContainers.Gold, folder, cancellationToken);
        }

        await fence.WatchAsync(LakeContainers.Gold, names.Where(n => !folders.Any(f => n.StartsWith(f, StringComparison.Ordinal))), cancellationToken);
        await fence.ConfirmAsync(cancellationToken);
    }

    /// <summary>The one line a promotion that lost the gold lease stops with: what is published now, and that nothing of
    /// this one is (its writes were refused, or are replaced by the newer promotion's).</summary>
    private async Task<LakeLeaseLostException> LostLeaseAsync(string runId, long? startedFrom, Exception lost, CancellationToken cancellationToken)
    {
        Log.CommitFenced(logger, runId);
        GoldVersion? now = null;
        try
        {
            now = await GoldLatestReader.ReadVersionAsync(lake, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The line below still says what happened to this promotion.
        }

        var published = now is not null && now.Version > (startedFrom ?? long.MaxValue)
            ? $"another promotion published version {now.Version} meanwhile"
            : "another promotion took over the gold lease meanwhile";
        return new LakeLeaseLostException(LakeContainers.Gold, GoldPaths.CommitLock,
            $"Gold: {published}; nothing of this one ({runId}) was published (it lost its lease on gold/{GoldPaths.CommitLock} while paused). Run it again to publish it.", lost);
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

    /// <summary>When a published file reaches its name: the tables (0), then run_quality (1), which names the runs
    /// whose films the tables hold, then the files published with them (2: the report's latest.html), so each shows
    /// what the marker written after them names.</summary>
    private static int StepOf(string name)
        => name.StartsWith(GoldPaths.LatestFolder + "/" + GoldPaths.RunQuality + ".", StringComparison.Ordinal) ? 1
            : name.StartsWith(GoldPaths.LatestFolder + "/", StringComparison.Ordinal) ? 0
            : 2;

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
