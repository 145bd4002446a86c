using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Movies.Pipeline.Lake;

/// <summary>The lake as a local folder: blob <c>container/name</c> lives at <c>{root}/{container}/{name}</c>.
/// A version is the content's hash and the file's write time (every write stamps its own, so a rewrite of the same
/// bytes is a new version, as an ETag is); a conditional write holds an OS lock under <c>{root}/.locks/</c> (outside
/// every container) while it compares and swaps; a lease is an OS lock on the lock blob's own file, and a process
/// lock (<see cref="IProcessLocks"/>) one under <c>.locks/_held/</c>.</summary>
public sealed class FileSystemLakeStore : ILakeStore, IProcessLocks
{
    private const string GuardFolder = ".locks";

    // Below the guard folder, beside its container folders (a container name never starts with '_').
    private const string HeldFolder = "_held";

    // A compare-and-swap holds its guard for one read and one write: any wait longer than this is a fault.
    private static readonly TimeSpan GuardWait = TimeSpan.FromSeconds(30);

    private const int StreamBufferSize = 64 * 1024;

    private readonly string _root;

    public FileSystemLakeStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;

    public async Task<bool> UploadAsync(string container, string name, BinaryData content, bool overwrite, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        if (!overwrite && File.Exists(path))
        {
            return false;
        }

        // The bytes as they are (no copy).
        return await WriteBesideAsync(path, (temp, token) => File.WriteAllBytesAsync(temp, content.ToMemory(), token), overwrite, cancellationToken);
    }

    public async Task<BinaryData?> DownloadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        try
        {
            return new BinaryData(await File.ReadAllBytesAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
        => Task.FromResult(File.Exists(PathOf(container, name)));

    public Task<Stream?> ReadStreamAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        try
        {
            // FileShare.Delete: a writer may move a new version into place meanwhile; this reader keeps the old one.
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, StreamBufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async Task UploadStreamAsync(string container, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await WriteBesideAsync(PathOf(container, name), async (temp, token) =>
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, StreamBufferSize, FileOptions.Asynchronous);
            await write(file, token);
        }, overwrite: true, cancellationToken);
    }

    public async IAsyncEnumerable<string> GetNamesAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LakeNames.ValidatePrefix(container, prefix);
        var containerPath = Path.Combine(_root, container);
        if (!Directory.Exists(containerPath))
        {
            yield break;
        }

        var names = Directory.EnumerateFiles(containerPath, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(containerPath, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<LakeBlobVersion> GetVersionsAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var name in GetNamesAsync(container, prefix, cancellationToken))
        {
            // A file removed since it was listed is not there any more: no version.
            if (await VersionOfFileAsync(PathOf(container, name), cancellationToken) is { } version)
            {
                yield return new LakeBlobVersion(name, version);
            }
        }
    }

    public async Task<LakeBlob?> DownloadWithVersionAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        try
        {
            // The bytes and the write time from one open file, so both belong to the same write.
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, StreamBufferSize, FileOptions.Asynchronous);
            var content = new byte[file.Length];
            await file.ReadExactlyAsync(content, cancellationToken);
            return new LakeBlob(new BinaryData(content), VersionOf(SHA256.HashData(content), File.GetLastWriteTimeUtc(file.SafeFileHandle)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> UploadIfVersionAsync(string container, string name, BinaryData content, string? ifVersion, CancellationToken cancellationToken = default)
    {
        LakeNames.Validate(container, name);
        var guardPath = Path.Combine(_root, GuardFolder, container, name.Replace('/', Path.DirectorySeparatorChar));
        // The guard stands in for blob storage's own compare-and-swap: it is no storage request of its own.
        var tries = 0;
        await using var guard = await LakeLeases.WaitForAsync(container, name, GuardWait,
            _ => Task.FromResult<ILakeLease?>(FileLakeLease.TryAcquire(container, name, guardPath, ref tries)), cancellationToken);
        // The version is checked again here, under the guard, right before the move: a writer that lost its lease and
        // resumed cannot move its file over one written since it read the version.
        var current = await VersionOfFileAsync(PathOf(container, name), cancellationToken);
        if (!string.Equals(current, ifVersion, StringComparison.Ordinal))
        {
            return false;
        }

        await UploadAsync(container, name, content, overwrite: true, cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(string container, string name, string? ifVersion = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        // The same guard as a conditional write, so a delete never removes a version written meanwhile.
        var guardPath = Path.Combine(_root, GuardFolder, container, name.Replace('/', Path.DirectorySeparatorChar));
        var tries = 0;
        await using var guard = await LakeLeases.WaitForAsync(container, name, GuardWait,
            _ => Task.FromResult<ILakeLease?>(FileLakeLease.TryAcquire(container, name, guardPath, ref tries)), cancellationToken);
        var current = await VersionOfFileAsync(path, cancellationToken);
        if (current is null || (ifVersion is not null && !string.Equals(current, ifVersion, StringComparison.Ordinal)))
        {
            return false;
        }

        try
        {
            File.Delete(path);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    public Task<ILakeLease> AcquireLeaseAsync(string container, string name, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        var tries = 0;
        return LakeLeases.WaitForAsync(container, name, wait, _ => Task.FromResult<ILakeLease?>(FileLakeLease.TryAcquire(container, name, path, ref tries)), cancellationToken);
    }

    public ILakeLease? TryTakeLock(string container, string name)
    {
        LakeNames.Validate(container, name);
        var tries = 0;
        return FileLakeLease.TryAcquire(container, name, Path.Combine(_root, GuardFolder, HeldFolder, container, name.Replace('/', Path.DirectorySeparatorChar)), ref tries);
    }

    /// <summary>Writes a blob beside its target and moves it into place (or, without <paramref name="overwrite"/>,
    /// publishes it only where no blob is yet), so readers never see half a blob.</summary>
    private static async Task<bool> WriteBesideAsync(string path, Func<string, CancellationToken, Task> write, bool overwrite, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await write(temp, cancellationToken);
            // A precise stamp of its own (the file system's clock ticks coarsely): with the hash, it makes the version
            // of this write differ from any other's, even of the same bytes.
            File.SetLastWriteTimeUtc(temp, DateTime.UtcNow);
            if (!overwrite)
            {
                return NewFile.TryPublish(temp, path);
            }

            File.Move(temp, path, overwrite: true);
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string VersionOf(byte[] hash, DateTime writtenAt) => string.Create(CultureInfo.InvariantCulture, $"sha256:{Convert.ToHexStringLower(hash)}@{writtenAt.Ticks}");

    /// <summary>The version of the file at <paramref name="path"/>, hashed as it is read (a large table is never held
    /// whole), or null when there is none.</summary>
    private static async Task<string?> VersionOfFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, StreamBufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return VersionOf(await SHA256.HashDataAsync(file, cancellationToken), File.GetLastWriteTimeUtc(file.SafeFileHandle));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string container, string name)
    {
        LakeNames.Validate(container, name);
        return Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
