using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests.Silver;

public sealed class FileSystemSilverPromoterTests : SilverPromoterTests
{
    protected override ILakeStore CreateLake() => TempFolderLake.Create();
}
