namespace Movies.Cli.Sql;

/// <summary>A folder only its user can open: created with mode 0700, and refused when it exists as a link, is open to
/// others, or belongs to someone else (a 0700 folder only its owner can write in). <c>movies sql</c> keeps its gold
/// snapshots and DuckDB's spill files only in such folders, so nobody else can plant a table or read one.</summary>
public static class PrivateFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OpenToOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) private, or checks the existing one. Throws
    /// <see cref="Pipeline.PipelineInputException"/> naming the folder and the fix when it cannot be used.</summary>
    public static string Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows())
        {
            // Windows profile folders are per user by their ACL; no Unix mode to check.
            Directory.CreateDirectory(path);
            return path;
        }

        var folder = Directory.CreateDirectory(path, OwnerOnly);
        if (folder.LinkTarget is not null)
        {
            throw new Pipeline.PipelineInputException($"The SQL cache folder {path} is a link: movies sql uses only a private folder of its own (--cache DIR).");
        }

        if ((folder.UnixFileMode & OpenToOthers) != 0)
        {
            throw new Pipeline.PipelineInputException($"The SQL cache folder {path} is open to other users: make it private (chmod 700 {path}) or give another with --cache DIR.");
        }

        // A 0700 folder can be written in only by its owner (and root): writing proves it is this user's.
        var probe = Path.Combine(path, $".probe-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (UnauthorizedAccessException)
        {
            throw new Pipeline.PipelineInputException($"The SQL cache folder {path} belongs to another user: give your own with --cache DIR.");
        }

        return path;
    }
}
