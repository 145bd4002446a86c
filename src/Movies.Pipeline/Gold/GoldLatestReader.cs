using System.Text.Json;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Report;

namespace Movies.Pipeline.Gold;

/// <summary>The reader rule for gold/latest: read <c>latest/_version.json</c>, then each table it lists, checked
/// against the SHA-256 the marker recorded; a file that differs is taken from the version's history copy instead
/// (a promotion is writing latest, or one was cut short). If that differs too, a promotion of the same run is
/// rewriting it: read everything again. So the tables read always belong to one published version.</summary>
public static class GoldLatestReader
{
    private const int MaxReads = 5;

    /// <summary>The committed version marker, or null when gold has none (empty, or written before markers). A marker is
    /// lake data, so it is checked against the lake's name allow-list before any of it becomes a path, a blob name or a
    /// SQL identifier: hashes are SHA-256 hex, the history folder a run folder, each file <c>latest/{table}.{ext}</c>
    /// or <c>reports/…</c>.</summary>
    public static async Task<GoldVersion?> ReadVersionAsync(ILakeStore lake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var content = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.LatestVersion, cancellationToken);
        GoldVersion? version;
        try
        {
            version = content is null ? null : JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.GoldVersion);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"gold/{GoldPaths.LatestVersion} is not a gold version marker: {e.Message}", e);
        }

        if (version is not null && Problem(version) is { } problem)
        {
            throw new InvalidDataException($"gold/{GoldPaths.LatestVersion} is not a valid gold version marker: {problem}.");
        }

        return version;
    }

    /// <summary>The table a latest file is of (<c>latest/{table}.{ext}</c>, the table an identifier), or null when the
    /// name is not a latest table file.</summary>
    public static string? TableOf(string latestName)
    {
        ArgumentNullException.ThrowIfNull(latestName);
        var prefix = GoldPaths.LatestFolder + "/";
        var dot = latestName.LastIndexOf('.');
        if (!latestName.StartsWith(prefix, StringComparison.Ordinal) || dot <= prefix.Length)
        {
            return null;
        }

        var table = latestName[prefix.Length..dot];
        return LakeNames.IsIdentifier(table) && LakeNames.IsIdentifier(latestName[(dot + 1)..]) ? table : null;
    }

    private static string? Problem(GoldVersion version)
    {
        if (!LakeNames.IsSha256(version.ContentHash))
        {
            return "its contentHash is not a SHA-256";
        }

        if (!LakeNames.IsRunFolder(version.HistoryFolder))
        {
            return "its historyFolder is not a run folder";
        }

        foreach (var (name, hash) in version.Files ?? new Dictionary<string, string>())
        {
            if (!LakeNames.IsSha256(hash))
            {
                return $"the hash of '{name}' is not a SHA-256";
            }

            if (TableOf(name) is null && !name.StartsWith(ReportPaths.Folder + "/", StringComparison.Ordinal))
            {
                return $"'{name}' is not a gold table file (latest/{{table}}.parquet|csv, the table lower-case letters, digits and '_')";
            }
        }

        return null;
    }

    /// <summary>The latest <paramref name="extension"/> files (parquet or csv) of one version, or null when gold has
    /// no tables yet.</summary>
    public static async Task<GoldLatest?> ReadAsync(ILakeStore lake, string extension = "parquet", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        for (var read = 1; read <= MaxReads; read++)
        {
            var version = await ReadVersionAsync(lake, cancellationToken);
            if (version is null)
            {
                return await ReadUnversionedAsync(lake, extension, cancellationToken);
            }

            var tables = new SortedDictionary<string, BinaryData>(StringComparer.Ordinal);
            var files = version.Files.Where(f => f.Key.EndsWith("." + extension, StringComparison.Ordinal) && TableOf(f.Key) is not null).ToList();
            foreach (var (name, hash) in files)
            {
                var content = await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken);
                if (content is null || GoldState.HashOf(content) != hash)
                {
                    content = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(version.HistoryFolder, name), cancellationToken);
                }

                if (content is null || GoldState.HashOf(content) != hash)
                {
                    break;
                }

                tables[TableOf(name)!] = content;
            }

            if (tables.Count == files.Count)
            {
                return new GoldLatest(version, version.ContentHash, tables);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200 * read), cancellationToken);
        }

        throw new InvalidDataException($"gold/latest kept changing while it was read ({MaxReads} reads): promotions are publishing; try again.");
    }

    private static async Task<GoldLatest?> ReadUnversionedAsync(ILakeStore lake, string extension, CancellationToken cancellationToken)
    {
        var tables = new SortedDictionary<string, BinaryData>(StringComparer.Ordinal);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var name in lake.GetNamesAsync(LakeContainers.Gold, GoldPaths.LatestFolder + "/", cancellationToken))
        {
            if (name.EndsWith("." + extension, StringComparison.Ordinal) && TableOf(name) is { } table
                && await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken) is { } content)
            {
                tables[table] = content;
                hashes[name] = GoldState.HashOf(content);
            }
        }

        return tables.Count == 0 ? null : new GoldLatest(null, GoldCommitter.ContentHashOf(hashes), tables);
    }
}
