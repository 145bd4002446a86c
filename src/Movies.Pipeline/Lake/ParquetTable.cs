using Parquet;
using Parquet.Serialization;

namespace Movies.Pipeline.Lake;

/// <summary>Rows of a sealed record as a Parquet file and back (Parquet.Net). Column names come from
/// each property's <c>JsonPropertyName</c>, in declaration order. The output is deterministic: one
/// fixed row-group layout, Snappy, and no timestamps in the file metadata, so the same rows always give
/// the same bytes.</summary>
public static class ParquetTable
{
    /// <summary>Rows per row group: every table here fits in one, so a file's layout depends only on its rows.</summary>
    public const int RowGroupSize = 1_000_000;

    public static async Task<BinaryData> WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, stream, CreateOptions(), cancellationToken: cancellationToken);
        return new BinaryData(stream.ToArray());
    }

    public static async Task<IList<T>> ReadAsync<T>(BinaryData content, CancellationToken cancellationToken = default)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = content.ToStream();
        var result = await ParquetSerializer.DeserializeAsync<T>(stream, CreateOptions(), cancellationToken: cancellationToken);
        return result.Data;
    }

    private static ParquetOptions CreateOptions() => new()
    {
        RowGroupSize = RowGroupSize,
        UseDateOnlyTypeForDates = true,
        CompressionMethod = CompressionMethod.Snappy,
    };
}
