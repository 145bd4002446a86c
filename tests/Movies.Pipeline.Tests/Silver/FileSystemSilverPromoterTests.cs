using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Silver;

public sealed class FileSystemSilverPromoterTests : SilverPromoterTests, IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    protected override Task<ILakeStore> CreateLakeAsync() => _lakes.CreateAsync();
}
