using System.Diagnostics;

namespace Movies.Pipeline.Lake;

/// <summary>A lease on the folder lake: the lock file held open with no sharing (an OS lock, <c>flock</c> on
/// Unix), so only one holder at a time in any process, and the OS frees it when the holder dies.</summary>
internal sealed class FileLakeLease : ILakeLease
{
    private static readonly long RenewalTicks = (BlobLakeStore.DefaultLeaseDuration / 3).Ticks;

    private readonly FileStream _lockFile;
    private readonly long _acquired = Stopwatch.GetTimestamp();
    private readonly int _acquireRequests;
    private long _released;

    private FileLakeLease(string container, string name, FileStream lockFile, int acquireRequests)
    {
        Container = container;
        Name = name;
        _lockFile = lockFile;
        _acquireRequests = acquireRequests;
    }

    public string Container { get; }

    public string Name { get; }

    // An OS lock cannot be lost while its process lives.
    public CancellationToken Lost => CancellationToken.None;

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

    public ValueTask DisposeAsync()
    {
        Interlocked.CompareExchange(ref _released, Stopwatch.GetTimestamp(), 0);
        return _lockFile.DisposeAsync();
    }

    /// <summary>Opens the lock file exclusively, or returns null while another holder has it open.
    /// <paramref name="tries"/> counts the tries (and a lock file's creation) as blob storage would bill them.</summary>
    public static FileLakeLease? TryAcquire(string container, string name, string path, ref int tries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        tries += File.Exists(path) ? 1 : 3;
        try
        {
            return new FileLakeLease(container, name, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), tries);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or DriveNotFoundException))
        {
            // A sharing violation: someone holds it.
            return null;
        }
    }
}
