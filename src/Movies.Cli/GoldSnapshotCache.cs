using System.Security.Cryptography;
using System.Text;
using Movies.Pipeline.Gold;
using Movies.Pipeline.Lake;

namespace Movies.Cli;

/// <summary>Local copies of gold/latest for <c>movies sql</c>: one folder per lake
/// (<c>{root}/{lake hash}/</c>) and per published content (<c>{content hash}/</c>), read by the gold reader rule (one
/// version, never a mix) and moved into place whole, so concurrent queries on the same or different lakes never see
/// a half-written or foreign file. A version already copied is reused without downloading.</summary>
public static class GoldSnapshotCache
{
    private const int KeptSnapshots = 3;

    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "movies-sql-cache");

    /// <summary>Table name to local Parquet path, for the lake's current gold version (empty when gold has none).</summary>
    public static async Task<SortedDictionary<string, string>> LocateAsync(ILakeStore lake, string? root, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var lakeFolder = Path.Combine(Path.GetFullPath(root ?? DefaultRoot), Hash(LakeIdentity(lake)));
        var version = await GoldLatestReader.ReadVersionAsync(lake, cancellationToken);
        var folder = version is null ? null : Path.Combine(lakeFolder, version.ContentHash[..16]);
        if (folder is null || !Directory.Exists(folder))
        {
            var latest = await GoldLatestReader.ReadAsync(lake, "parquet", cancellationToken);
            if (latest is null)
            {
                return new SortedDictionary<string, string>(StringComparer.Ordinal);
            }

            folder = Path.Combine(lakeFolder, latest.ContentHash[..16]);
            await WriteOnceAsync(folder, latest, cancellationToken);
            Prune(lakeFolder);
        }

        return new SortedDictionary<string, string>(
            Directory.GetFiles(folder, "*.parquet").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f),
            StringComparer.Ordinal);
    }

    /// <summary>Writes the snapshot beside its final place and moves the whole folder in: it appears complete or not at all.</summary>
    private static async Task WriteOnceAsync(string folder, GoldLatest latest, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            foreach (var (table, content) in latest.Tables)
            {
                await File.WriteAllBytesAsync(Path.Combine(temp, table + ".parquet"), content.ToArray(), cancellationToken);
            }

            Directory.Move(temp, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another query put the same version in place first: same content, use it.
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    /// <summary>Keeps the few newest snapshots of a lake; an older one still being read stays readable on Unix.</summary>
    private static void Prune(string lakeFolder)
    {
        foreach (var old in new DirectoryInfo(lakeFolder).GetDirectories().Where(d => !d.Name.StartsWith('.')).OrderByDescending(d => d.LastWriteTimeUtc).Skip(KeptSnapshots))
        {
            try
            {
                old.Delete(recursive: true);
            }
            catch (IOException)
            {
                // In use elsewhere: the next query prunes it.
            }
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
