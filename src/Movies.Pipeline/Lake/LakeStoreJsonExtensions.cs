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
            throw new InvalidDataException($"Blob {container}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    public static Task<bool> WriteJsonAsync<T>(this ILakeStore lake, string container, string name, T value, JsonTypeInfo<T> typeInfo, bool overwrite, CancellationToken cancellationToken = default)
        => lake.UploadAsync(container, name, new BinaryData(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)), overwrite, cancellationToken);
}
