using System.Text.Json;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>The reader rule for gold/latest: read <c>latest/_version.json</c>, then each table it lists, checked
/// against the SHA-256 the marker recorded; a file that differs is taken from the version's history copy instead
/// (a promotion is writing latest, or one was cut short). If that differs too, a promotion of the same run is
/// rewriting it: read everything again. So the tables read always belong to one published version.</summary>
public static class GoldLatestReader
{
    private const int MaxReads = 5;

    /// <summary>The committed version marker, or null when gold has none (empty, or written before markers).</summary>
    public static async Task<GoldVersion?> ReadVersionAsync(ILakeStore lake, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        var content = await lake.DownloadAsync(LakeContainers.Gold, GoldPaths.LatestVersion, cancellationToken);
        try
        {
            return content is null ? null : JsonSerializer.Deserialize(content.ToMemory().Span, PipelineJsonContext.Blobs.GoldVersion);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"gold/{GoldPaths.LatestVersion} is not a gold version marker: {e.Message}", e);
        }
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
            foreach (var (name, hash) in version.Files.Where(f => f.Key.EndsWith("." + extension, StringComparison.Ordinal)))
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

                tables[TableOf(name)] = content;
            }

            if (tables.Count == version.Files.Count(f => f.Key.EndsWith("." + extension, StringComparison.Ordinal)))
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
            if (name.EndsWith("." + extension, StringComparison.Ordinal) && name.Count(c => c == '/') == 1
                && await lake.DownloadAsync(LakeContainers.Gold, name, cancellationToken) is { } content)
            {
                tables[TableOf(name)] = content;
                hashes[name] = GoldState.HashOf(content);
            }
        }

        return tables.Count == 0 ? null : new GoldLatest(null, GoldCommitter.ContentHashOf(hashes), tables);
    }

    private static string TableOf(string latestName) => Path.GetFileNameWithoutExtension(latestName[(GoldPaths.LatestFolder.Length + 1)..]);
}
