using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Movies.Pipeline.Lake;

/// <summary>Read-modify-write of one blob by conditional writes: read it with its version, compute the new
/// content, write it only if nobody changed it meanwhile, else start over. For small shared state that many
/// writers change at once (a counter, a ledger), where holding a lease would serialize them for longer.</summary>
public static class LakeStoreConditionalExtensions
{
    public const int DefaultMaxAttempts = 50;

    /// <summary>Applies <paramref name="change"/> to the blob's current content (null when missing) until the
    /// write wins. A null result leaves the blob as it is. Returns what was written (or left), or throws
    /// <see cref="LakeConflictException"/> after <paramref name="maxAttempts"/> lost races.</summary>
    public static async Task<BinaryData?> UpdateAsync(this ILakeStore lake, string container, string name, Func<BinaryData?, BinaryData?> change,
        int maxAttempts = DefaultMaxAttempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lake);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var current = await lake.DownloadWithVersionAsync(container, name, cancellationToken);
            var next = change(current?.Content);
            if (next is null)
            {
                return current?.Content;
            }

            if (await lake.UploadIfVersionAsync(container, name, next, current?.Version, cancellationToken))
            {
                return next;
            }

            // Lost the race: back off a little, with jitter, so the contenders spread out.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10))), cancellationToken);
        }

        throw new LakeConflictException(container, name, maxAttempts);
    }

    /// <summary><see cref="UpdateAsync"/> on a JSON blob: <paramref name="change"/> gets the current value (null
    /// when missing) and returns the new one, or null to leave it.</summary>
    public static async Task<T?> UpdateJsonAsync<T>(this ILakeStore lake, string container, string name, JsonTypeInfo<T> typeInfo, Func<T?, T?> change,
        int maxAttempts = DefaultMaxAttempts, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        var written = await lake.UpdateAsync(container, name, content =>
        {
            var next = change(content is null ? null : Deserialize(content, typeInfo, container, name));
            return next is null ? null : new BinaryData(JsonSerializer.SerializeToUtf8Bytes(next, typeInfo));
        }, maxAttempts, cancellationToken);
        return written is null ? null : Deserialize(written, typeInfo, container, name);
    }

    private static T? Deserialize<T>(BinaryData content, JsonTypeInfo<T> typeInfo, string container, string name)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, typeInfo);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Blob {container}/{name} is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
