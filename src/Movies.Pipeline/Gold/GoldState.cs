using System.Security.Cryptography;
using Movies.Pipeline.Lake;

namespace Movies.Pipeline.Gold;

/// <summary>The committed state of gold, as a promotion sees it under the gold lock: the current version and its
/// latest tables. A table whose bytes differ from what the version recorded (overwritten by hand or by a tool)
/// is read from the version's history copy instead, so a promotion never builds on a damaged table.</summary>
public sealed class GoldState
{
    private readonly ILakeStore _lake;

    internal GoldState(ILakeStore lake, GoldVersion? version)
    {
        _lake = lake;
        Version = version;
    }

    /// <summary>The committed version, or null when gold is empty (or predates version markers).</summary>
    public GoldVersion? Version { get; }

    /// <summary>The rows of a latest table, or none when gold does not have it yet.</summary>
    public async Task<IReadOnlyList<T>> ReadTableAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new()
        => await ReadTableOrNullAsync<T>(table, cancellationToken) ?? [];

    /// <summary>The rows of a latest table, or null when gold does not have it (a table added since it was written).</summary>
    public async Task<IReadOnlyList<T>?> ReadTableOrNullAsync<T>(string table, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        var content = await ReadTableFileAsync(table, cancellationToken);
        return content is null ? null : await ParquetTable.ReadAsync<T>(content, cancellationToken);
    }

    /// <summary>The committed Parquet bytes of a latest table, or null when gold does not have it: for a reader that
    /// reads some of its columns or rows (<see cref="ParquetColumns"/>, <see cref="CurrentFilms"/>).</summary>
    public async Task<BinaryData?> ReadTableFileAsync(string table, CancellationToken cancellationToken = default)
    {
        var name = GoldPaths.Latest(table, "parquet");
        if (Version is not null && !Version.Files.ContainsKey(name))
        {
            // Not part of the committed version, whatever a cut-short commit left there.
            return null;
        }

        return await ReadFileAsync(name, cancellationToken);
    }

    /// <summary>The committed bytes of a latest file (<c>latest/{table}.{extension}</c>), or null.</summary>
    public async Task<BinaryData?> ReadFileAsync(string latestName, CancellationToken cancellationToken = default)
    {
        var content = await _lake.DownloadAsync(LakeContainers.Gold, latestName, cancellationToken);
        if (Version is null || !Version.Files.TryGetValue(latestName, out var expected) || (content is not null && HashOf(content) == expected))
        {
            return content;
        }

        var copy = await _lake.DownloadAsync(LakeContainers.Gold, GoldPaths.HistoryOf(Version.HistoryFolder, latestName), cancellationToken);
        return copy is not null && HashOf(copy) == expected
            ? copy
            : throw new InvalidDataException($"gold/{latestName} does not match gold version {Version.Version} and its history copy is gone or differs too; restore it from a gold/history copy.");
    }

    internal static string HashOf(BinaryData content) => Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
}
