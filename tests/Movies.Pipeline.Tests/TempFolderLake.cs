using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Tests;

/// <summary>A fresh folder lake under the temp path per test.</summary>
internal static class TempFolderLake
{
    public static FileSystemLakeStore Create()
        => new(Path.Combine(Path.GetTempPath(), "movies-tests", Guid.NewGuid().ToString("N")));
}
