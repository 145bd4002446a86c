using System.Runtime.CompilerServices;

namespace Movies.Pipeline.Lake;

/// <summary>The lake as a local folder: blob <c>container/name</c> lives at <c>{root}/{container}/{name}</c>.</summary>
public sealed class FileSystemLakeStore : ILakeStore
{
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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!overwrite && File.Exists(path))
        {
            return false;
        }

        // Write beside the target and move into place, so readers never see half a blob.
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, content.ToMemory().ToArray(), cancellationToken);
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

    private string PathOf(string container, string name)
    {
        LakeNames.Validate(container, name);
        return Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
