using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Gold;

public sealed class FileSystemGoldPromoterTests : GoldPromoterTests
{
    protected override ILakeStore CreateLake() => TempFolderLake.Create();
}
