namespace Movies.Pipeline.Lake;

/// <summary>A lease on the folder lake: the lock file held open with no sharing (an OS lock, <c>flock</c> on
/// Unix), so only one holder at a time in any process, and the OS frees it when the holder dies.</summary>
internal sealed class FileLakeLease(string container, string name, FileStream lockFile) : ILakeLease
{
    public string Container { get; } = container;

    public string Name { get; } = name;

    // An OS lock cannot be lost while its process lives.
    public CancellationToken Lost => CancellationToken.None;

    public ValueTask DisposeAsync() => lockFile.DisposeAsync();

    /// <summary>Opens the lock file exclusively, or returns null while another holder has it open.</summary>
    public static FileLakeLease? TryAcquire(string container, string name, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileLakeLease(container, name, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or DriveNotFoundException))
        {
            // A sharing violation: someone holds it.
            return null;
        }
    }
}
