namespace Movies.Testing;

/// <summary>The repository root: the folder that holds Movies.Functions.sln, above the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Movies.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Cannot find the repository root (the folder holding Movies.Functions.sln) above {AppContext.BaseDirectory}.");
    }
}
