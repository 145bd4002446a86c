using System.Security.Cryptography;
using System.Text;
using Movies.Cli.Sql;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Cli;

/// <summary>Local copies of gold/latest for <c>movies sql</c>: one private folder per user and lake
/// (<c>{root}/{lake hash}/</c>, mode 0700, see <see cref="PrivateFolder"/>) and per published content
/// (<c>{content hash}/</c>), read by the gold reader rule (one version, never a mix) and moved into place whole, so
/// concurrent queries on the same or different lakes never see a half-written or foreign file. A version already
/// copied is reused only after each of its tables is checked against the SHA-256 the lake's marker gives it; the tables
/// are the ones the marker names (validated names), never whatever files the folder holds.</summary>
public static class GoldSnapshotCache
{
    private const int KeptSnapshots = 3;

    /// <summary>The user's own cache folder: <c>$XDG_CACHE_HOME/movies/sql</c> (<c>~/.cache/movies/sql</c>), never a
    /// folder shared with other users.</summary>
    public static string DefaultRoot
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)
                ? xdg
                : OperatingSystem.IsWindows()
                    ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "movies", "sql");
        }
    }

    /// <summary>The private folder of one lake's snapshots (created when missing).</summary>
    public static string LakeFolder(ILakeStore lake, string? root)
    {
        ArgumentNullException.ThrowIfNull(lake);
        return PrivateFolder.Ensure(Path.Combine(Path.GetFullPath(root ?? DefaultRoot), Hash(LakeIdentity(lake))));
    }

    /// <summary>Table name to local Parquet path, for the lake's current gold version (empty when gold has none).</summary>
    public static async Task<SortedDictionary<string, string>> LocateAsync(ILakeStore lake, string lakeFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        // The marker is validated by the reader: its content hash is 64 hex digits and its tables are identifiers.
        var version = await GoldLatestReader.ReadVersionAsync(lake, cancellationToken);
        if (version is not null && Reuse(Path.Combine(lakeFolder, version.ContentHash), version) is { } reused)
        {
            return reused;
        }

        var latest = await GoldLatestReader.ReadAsync(lake, "parquet", cancellationToken);
        if (latest is null)
        {
            return new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        var folder = Path.Combine(lakeFolder, latest.ContentHash);
        await WriteOnceAsync(folder, latest, cancellationToken);
        Prune(lakeFolder);
        return new SortedDictionary<string, string>(latest.Tables.Keys.ToDictionary(t => t, t => PathOf(folder, t)), StringComparer.Ordinal);
    }

    /// <summary>The snapshot of <paramref name="version"/> if it is in place and every table the marker names is there
    /// with the marker's SHA-256; a folder that differs (damaged, or written by someone else) is removed, to be written
    /// again.</summary>
    private static SortedDictionary<string, string>? Reuse(string folder, GoldVersion version)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, hash) in version.Files)
        {
            if (name.EndsWith(".parquet", StringComparison.Ordinal) && GoldLatestReader.TableOf(name) is { } table)
            {
                var path = PathOf(folder, table);
                if (!File.Exists(path) || HashOfFile(path) != hash)
                {
                    Remove(folder);
                    return null;
                }

                tables[table] = path;
            }
        }

        return tables;
    }

    private static string PathOf(string folder, string table) => Path.Combine(folder, table + ".parquet");

    private static string HashOfFile(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>Writes the snapshot beside its final place and moves the whole folder in: it appears complete or not at all.</summary>
    private static async Task WriteOnceAsync(string folder, GoldLatest latest, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(folder)!;
        var temp = Path.Combine(parent, $".{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var (table, content) in latest.Tables)
            {
                await File.WriteAllBytesAsync(PathOf(temp, table), content.ToArray(), cancellationToken);
            }

            Directory.Move(temp, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another query put the same version in place first: same content (checked again on its next reuse), use it.
        }
        finally
        {
            Remove(temp);
        }
    }

    /// <summary>Keeps the few newest snapshots of a lake; an older one still being read stays readable on Unix.</summary>
    private static void Prune(string lakeFolder)
    {
        foreach (var old in new DirectoryInfo(lakeFolder).GetDirectories().Where(d => !d.Name.StartsWith('.')).OrderByDescending(d => d.LastWriteTimeUtc).Skip(KeptSnapshots))
        {
            Remove(old.FullName);
        }
    }

    private static void Remove(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // In use elsewhere: the next query prunes it.
        }
    }

    private static string LakeIdentity(ILakeStore lake) => lake switch
    {
        FileSystemLakeStore files => "folder:" + files.Root,
        BlobLakeStore blobs => "blob:" + blobs.ServiceUri.AbsoluteUri,
        _ => lake.GetType().FullName!,
    };

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
