using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Silver;

public sealed class FileSystemSilverPromoterTests : SilverPromoterTests, IDisposable
{
    private readonly List<TempFolder> _folders = [];

    public void Dispose()
    {
        _folders.ForEach(f => f.Dispose());
    }

    protected override Task<ILakeStore> CreateLakeAsync()
    {
        var folder = new TempFolder();
        _folders.Add(folder);
        return Task.FromResult<ILakeStore>(new FileSystemLakeStore(folder.Path));
    }
}
