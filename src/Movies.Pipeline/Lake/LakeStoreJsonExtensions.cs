using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Movies.Pipeline.Lake;

public static class LakeStoreJsonExtensions
{
    /// <summary>Reads a JSON blob, or null when it does not exist.</summary>
    public static async Task<T?> ReadJsonAsync<T>(this ILakeStore lake, string container, string name, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class
    {
        var content = await lake.DownloadAsync(container, name, cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, typeInfo);
        }
        catch (JsonException e)
        {
            throw NotValid<T>(container, name, e);
        }
    }

    /// <summary>Reads a JSON blob as it streams in, or null when it does not exist: for documents too large to hold
    /// twice (a run's manifest), whose bytes are never held whole.</summary>
    public static async Task<T?> ReadJsonStreamAsync<T>(this ILakeStore lake, string container, string name, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(lake);
        await using var content = await lake.ReadStreamAsync(container, name, cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(content, typeInfo, cancellationToken);
        }
        catch (JsonException e)
        {
            throw NotValid<T>(container, name, e);
        }
    }

    /// <summary>Reads a JSON object blob as it streams in, handing the items of its array property
    /// <paramref name="arrayProperty"/> (as named in the JSON) to <paramref name="onItem"/> one at a time, in order,
    /// instead of holding them; returns the object with that array empty, or null when the blob does not exist. For a
    /// reader that only aggregates a large document's items (the report over a run manifest's movies).</summary>
    public static async Task<T?> ReadJsonItemsAsync<T, TItem>(this ILakeStore lake, string container, string name, JsonTypeInfo<T> typeInfo, string arrayProperty,
        JsonTypeInfo<TItem> itemTypeInfo, Action<TItem> onItem, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentException.ThrowIfNullOrEmpty(arrayProperty);
        ArgumentNullException.ThrowIfNull(itemTypeInfo);
        ArgumentNullException.ThrowIfNull(onItem);
        await using var content = await lake.ReadStreamAsync(container, name, cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            return await JsonItemStream<TItem>.ReadAsync(content, typeInfo, arrayProperty, itemTypeInfo, onItem, cancellationToken);
        }
        catch (JsonException e)
        {
            throw NotValid<T>(container, name, e);
        }
    }

    /// <summary>Writes a JSON blob (overwriting it) as it is serialized, the same bytes as <see cref="WriteJsonAsync"/>:
    /// for documents too large to hold twice, whose bytes are never held whole.</summary>
    public static Task WriteJsonStreamAsync<T>(this ILakeStore lake, string container, string name, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        return lake.UploadStreamAsync(container, name, (stream, token) => JsonSerializer.SerializeAsync(stream, value, typeInfo, token), cancellationToken);
    }

    private static InvalidDataException NotValid<T>(string container, string name, JsonException e)
        => new($"Blob {container}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);

    public static Task<bool> WriteJsonAsync<T>(this ILakeStore lake, string container, string name, T value, JsonTypeInfo<T> typeInfo, bool overwrite, CancellationToken cancellationToken = default)
        => lake.UploadAsync(container, name, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), overwrite, cancellationToken);
}
