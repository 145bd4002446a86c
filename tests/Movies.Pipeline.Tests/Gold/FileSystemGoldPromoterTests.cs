using Movies.Pipeline.Lake;
using Movies.Pipeline.Tests.Infrastructure;

namespace Movies.Pipeline.Tests.Gold;

public sealed class FileSystemGoldPromoterTests : GoldPromoterTests, IDisposable
{
    private readonly FolderLakes _lakes = new();

    public void Dispose() => _lakes.Dispose();

    protected override Task<ILakeStore> CreateLakeAsync() => _lakes.CreateAsync();
}
