using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Infrastructure;

/// <summary>Fresh folder lakes for one test class, each in a temp folder of its own, deleted with the class.</summary>
public sealed class FolderLakes : IDisposable
{
    private readonly List<TempFolder> _folders = [];

    public Task<ILakeStore> CreateAsync()
    {
        var folder = new TempFolder();
        _folders.Add(folder);
        return Task.FromResult<ILakeStore>(new FileSystemLakeStore(folder.Path));
    }

    public void Dispose() => _folders.ForEach(f => f.Dispose());
}
