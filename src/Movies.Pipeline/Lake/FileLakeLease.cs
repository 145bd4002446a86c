using System.Diagnostics;

namespace Movies.Pipeline.Lake;

/// <summary>A lease on the folder lake: the lock file held open with no sharing (an OS lock, <c>flock</c> on
/// Unix), so only one holder at a time in any process, and the OS frees it when the holder dies. A paused holder
/// keeps it; it is lost only when its lock file is deleted or replaced meanwhile (a clean-up, a restored folder, a
/// network share that dropped the lock), since the next process then locks a new file under the same name.</summary>
internal sealed class FileLakeLease : ILakeLease
{
    private const string OpenFiles = "/proc/self/fd";

    private static readonly long RenewalTicks = (BlobLakeStore.DefaultLeaseDuration / 3).Ticks;

    private readonly FileStream _lockFile;
    private readonly string _path;
    private readonly string? _openAs;
    private readonly CancellationTokenSource _lost = new();
    private readonly long _acquired = Stopwatch.GetTimestamp();
    private readonly int _acquireRequests;
    private long _released;

    private FileLakeLease(string container, string name, string path, FileStream lockFile, int acquireRequests)
    {
        Container = container;
        Name = name;
        _path = path;
        _lockFile = lockFile;
        _acquireRequests = acquireRequests;
        _openAs = OpenAs();
        Lost = _lost.Token;
    }

    public string Container { get; }

    public string Name { get; }

    /// <summary>Cancelled when <see cref="ConfirmAsync"/> found the lock file gone or replaced.</summary>
    public CancellationToken Lost { get; }

    /// <summary>What blob storage would have received: the acquire requests, a renewal per third of its lease
    /// duration held, and the release.</summary>
    public int Requests
    {
        get
        {
            var released = Interlocked.Read(ref _released);
            var held = Stopwatch.GetElapsedTime(_acquired, released == 0 ? Stopwatch.GetTimestamp() : released);
            return _acquireRequests + (int)(held.Ticks / RenewalTicks) + (released == 0 ? 0 : 1);
        }
    }

    /// <summary>Held while the lock file at its path is still the file this lease holds open. On Linux the open file's
    /// own path (<c>/proc/self/fd</c>) says so exactly: it reads "(deleted)" once the file was removed or replaced;
    /// elsewhere, the file still existing is all that can be checked (Windows refuses to delete a file held open so).</summary>
    public async Task<bool> ConfirmAsync(CancellationToken cancellationToken = default)
    {
        if (Lost.IsCancellationRequested)
        {
            return false;
        }

        var openAs = _openAs is null ? null : OpenAs();
        var held = openAs is not null ? string.Equals(openAs, _openAs, StringComparison.Ordinal) : File.Exists(_path);
        if (!held)
        {
            await _lost.CancelAsync();
        }

        return held;
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.CompareExchange(ref _released, Stopwatch.GetTimestamp(), 0);
        await _lockFile.DisposeAsync();
        _lost.Dispose();
    }

    /// <summary>Opens the lock file exclusively, or returns null while another holder has it open.
    /// <paramref name="tries"/> counts the tries (and a lock file's creation) as blob storage would bill them.</summary>
    public static FileLakeLease? TryAcquire(string container, string name, string path, ref int tries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        tries += File.Exists(path) ? 1 : 3;
        try
        {
            return new FileLakeLease(container, name, path, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), tries);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or DriveNotFoundException))
        {
            // A sharing violation: someone holds it.
            return null;
        }
    }

    /// <summary>The path the OS gives the open lock file now (Linux), or null where it cannot say.</summary>
    private string? OpenAs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return new FileInfo($"{OpenFiles}/{_lockFile.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
