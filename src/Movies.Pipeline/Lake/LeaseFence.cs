using System.Collections.Concurrent;

namespace Movies.Pipeline.Lake;

/// <summary>
/// Fences the writes made under a lease, so that a holder who lost it (paused past its validity by a GC pause, a
/// throttled or migrated instance) cannot land a write over a newer holder's. Every write is conditional on the version
/// this holder read of that blob (an ETag on blob storage; on the folder lake checked again under the blob's guard lock
/// right before the move), and a version is relied on only once the lease has been confirmed at the storage after it
/// was read, so it was read while this holder held the lease. A write refused because the blob changed asks the
/// storage whether the lease is still held: when it is not, <see cref="LakeLeaseLostException"/>, never a retry; when it
/// is, the change was made by a holder that lost the lease (or was this holder's own earlier try, whose answer was
/// lost), so the version is read again, the lease confirmed again and the write made again. A write that a paused
/// holder had in flight can therefore land only on a blob the current holder has not written yet, and the current
/// holder's own write of it then replaces it.
/// </summary>
public sealed class LeaseFence(ILakeStore lake, ILakeLease lease)
{
    /// <summary>Tries of one write: each refused try means that another writer changed the blob while this holder held
    /// the lease.</summary>
    public const int MaxAttempts = 4;

    private readonly ConcurrentDictionary<string, Known> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _folders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _learned;
    private long _confirmed;
    private Task? _confirming;
    private long _confirmingUpTo;

    /// <summary>The lease the writes are made under.</summary>
    public ILakeLease Lease => lease;

    /// <summary>Reads a blob with its version, which a later <see cref="WriteAsync"/> of it is conditional on; null when
    /// it does not exist (the write then creates it only if it still does not).</summary>
    public async Task<LakeBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = await lake.DownloadWithVersionAsync(container, name, cancellationToken);
        Learn(container, name, blob?.Version);
        return blob;
    }

    /// <summary>Reads the versions of every blob under <paramref name="folder"/> (one listing), for writing them: a name
    /// under it that is not listed does not exist.</summary>
    public async Task WatchFolderAsync(string container, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in lake.GetVersionsAsync(container, folder, cancellationToken))
        {
            listed[blob.Name] = blob.Version;
        }

        var prefix = Key(container, folder);
        foreach (var key in _versions.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && !listed.ContainsKey(k[(container.Length + 1)..])))
        {
            _versions[key] = new Known(null, Stale: false);
        }

        foreach (var (name, version) in listed)
        {
            _versions[Key(container, name)] = new Known(version, Stale: false);
        }

        _folders[prefix] = 0;
        Interlocked.Increment(ref _learned);
    }

    /// <summary>Reads the version of each of <paramref name="names"/> (a listing each, all at once), for writing them.</summary>
    public async Task WatchAsync(string container, IEnumerable<string> names, CancellationToken cancellationToken = default)
        => await Task.WhenAll(names.Distinct(StringComparer.Ordinal).Select(name => WatchOneAsync(container, name, cancellationToken)));

    /// <summary>Confirms the lease at the storage, if any version was read since the last confirmation: the versions
    /// read so far were then read while this holder held it. Throws <see cref="LakeLeaseLostException"/> when lost.</summary>
    public Task ConfirmAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var learned = Interlocked.Read(ref _learned);
            if (_confirmed >= learned)
            {
                return Task.CompletedTask;
            }

            // One confirmation at a time serves every write waiting for it (the files of a step are written at once).
            if (_confirming is null || _confirmingUpTo < learned || _confirming.IsFaulted || _confirming.IsCanceled)
            {
                (_confirming, _confirmingUpTo) = (ConfirmUpToAsync(learned, cancellationToken), learned);
            }

            return _confirming.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Writes a blob, overwriting it, only if it is still at the version this holder read (reading it first, then
    /// confirming the lease, when unknown). Throws <see cref="LakeLeaseLostException"/> once the lease is lost, and
    /// <see cref="LakeConflictException"/> when the blob kept changing while the lease was held.</summary>
    public async Task WriteAsync(string container, string name, BinaryData content, CancellationToken cancellationToken = default)
    {
        var key = Key(container, name);
        for (var attempt = 1; ; attempt++)
        {
            if (lease.Lost.IsCancellationRequested)
            {
                throw Lost();
            }

            var version = await VersionForWriteAsync(container, name, key, cancellationToken);
            await ConfirmAsync(cancellationToken);
            if (await lake.UploadIfVersionAsync(container, name, content, version, cancellationToken))
            {
                // Its version is now one this holder has not read: a second write of it reads it first.
                _versions[key] = new Known(null, Stale: true);
                return;
            }

            // Refused: the blob changed since its version was read. The precondition failure is never retried blindly:
            // either the lease is gone (stop), or a writer without it changed the blob (read it again and replace it).
            if (!await lease.ConfirmAsync(cancellationToken))
            {
                throw Lost();
            }

            if (attempt == MaxAttempts)
            {
                throw new LakeConflictException(container, name, attempt);
            }

            _versions[key] = new Known(null, Stale: true);
        }
    }

    /// <summary>Writes the files at once with <see cref="WriteAsync"/>; every write is started and awaited, even when one
    /// fails at once, so none is left running behind the caller.</summary>
    public async Task WriteAllAsync(string container, IEnumerable<(string Name, BinaryData Content)> files, CancellationToken cancellationToken = default)
        => await Task.WhenAll(files.Select(f => WriteAsync(container, f.Name, f.Content, cancellationToken)));

    private async Task<string?> VersionForWriteAsync(string container, string name, string key, CancellationToken cancellationToken)
    {
        if (_versions.TryGetValue(key, out var known))
        {
            if (!known.Stale)
            {
                return known.Version;
            }
        }
        else if (_folders.Keys.Any(folder => key.StartsWith(folder, StringComparison.Ordinal)))
        {
            // Under a folder read whole, and not in it: it does not exist.
            return null;
        }

        await WatchOneAsync(container, name, cancellationToken);
        return _versions[key].Version;
    }

    private async Task WatchOneAsync(string container, string name, CancellationToken cancellationToken)
    {
        string? version = null;
        // A listing from the name itself: the name comes first when it exists (longer names sort after it).
        await foreach (var blob in lake.GetVersionsAsync(container, name, cancellationToken))
        {
            version = blob.Name == name ? blob.Version : null;
            break;
        }

        Learn(container, name, version);
    }

    // What was read before the confirmation starts is covered by it.
    private async Task ConfirmUpToAsync(long learned, CancellationToken cancellationToken)
    {
        if (!await lease.ConfirmAsync(cancellationToken))
        {
            throw Lost();
        }

        lock (_gate)
        {
            _confirmed = Math.Max(_confirmed, learned);
        }
    }

    private void Learn(string container, string name, string? version)
    {
        _versions[Key(container, name)] = new Known(version, Stale: false);
        Interlocked.Increment(ref _learned);
    }

    private LakeLeaseLostException Lost() => new(lease.Container, lease.Name);

    private static string Key(string container, string name) => $"{container}/{name}";

    /// <summary>A blob's version as this holder read it (null: it did not exist), or stale: written here since, or refused
    /// a write, so to be read again before the next write.</summary>
    private readonly record struct Known(string? Version, bool Stale);
}
