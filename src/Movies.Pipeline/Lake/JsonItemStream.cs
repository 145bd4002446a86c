using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Movies.Pipeline.Lake;

/// <summary>Reads a JSON object as it streams in, handing the items of one of its array properties to a callback one at
/// a time instead of holding them (a run manifest's 100,000 movies, for a reader that only counts them): what is held is
/// one buffer of the stream, one item, and the object's other properties, which are returned as the object with that
/// array empty. Used by <see cref="LakeStoreJsonExtensions.ReadJsonItemsAsync"/>.</summary>
internal sealed class JsonItemStream<TItem> : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly byte[] _arrayName;
    private readonly JsonTypeInfo<TItem> _item;
    private readonly Action<TItem> _onItem;
    private readonly ArrayBufferWriter<byte> _rest = new();
    private readonly Utf8JsonWriter _writer;
    private Phase _phase;

    private JsonItemStream(string arrayName, JsonTypeInfo<TItem> item, Action<TItem> onItem)
    {
        _arrayName = System.Text.Encoding.UTF8.GetBytes(arrayName);
        _item = item;
        _onItem = onItem;
        _writer = new Utf8JsonWriter(_rest);
    }

    private enum Phase
    {
        Start,
        Properties,
        Items,
        Done,
    }

    /// <summary>The object in <paramref name="stream"/>, its array <paramref name="arrayName"/> (as named in the JSON)
    /// given to <paramref name="onItem"/> item by item, in order, and returned empty.</summary>
    public static async Task<T?> ReadAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, string arrayName, JsonTypeInfo<TItem> item, Action<TItem> onItem,
        CancellationToken cancellationToken)
    {
        using var items = new JsonItemStream<TItem>(arrayName, item, onItem);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var (length, final, first, state) = (0, false, true, default(JsonReaderState));
            while (items._phase != Phase.Done)
            {
                if (length == buffer.Length)
                {
                    // One item larger than the buffer: make room for all of it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                if (!final)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                    length += read;
                    final = read == 0;
                }

                var start = 0;
                if (first && length >= 3)
                {
                    // A byte order mark, as the serializer's own stream reader skips it.
                    start = buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8) ? 3 : 0;
                    first = false;
                }

                var consumed = start + items.Step(buffer.AsSpan(start, length - start), final, ref state);
                if (consumed == 0 && final)
                {
                    throw new JsonException("The JSON ends before the object does.");
                }

                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return JsonSerializer.Deserialize(items._rest.WrittenSpan, typeInfo);
    }

    public void Dispose() => _writer.Dispose();

    // Reads as many whole tokens and values as the bytes hold; returns the bytes used. A value cut off at the end of
    // the bytes is read again, whole, from the next call's bytes (which start where this one stopped).
    private int Step(ReadOnlySpan<byte> bytes, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(bytes, final, state);
        var consumed = 0;
        while (_phase != Phase.Done && TryRead(ref reader))
        {
            consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        return consumed;
    }

    private bool TryRead(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException($"Expected a JSON object, found {reader.TokenType}.");
                }

                _writer.WriteStartObject();
                _phase = Phase.Properties;
                return true;

            case Phase.Properties when reader.TokenType == JsonTokenType.EndObject:
                _writer.WritePropertyName(_arrayName);
                _writer.WriteStartArray();
                _writer.WriteEndArray();
                _writer.WriteEndObject();
                _writer.Flush();
                _phase = Phase.Done;
                return true;

            case Phase.Properties:
                var isArray = reader.ValueTextEquals(_arrayName);
                var name = reader.GetString()!;
                if (!reader.Read())
                {
                    return false;
                }

                if (isArray && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.Null)
                {
                    _phase = reader.TokenType == JsonTokenType.StartArray ? Phase.Items : Phase.Properties;
                    return true;
                }

                if (!IsWhole(reader))
                {
                    return false;
                }

                _writer.WritePropertyName(name);
                using (var value = JsonDocument.ParseValue(ref reader))
                {
                    value.WriteTo(_writer);
                }

                return true;

            case Phase.Items when reader.TokenType == JsonTokenType.EndArray:
                _phase = Phase.Properties;
                return true;

            case Phase.Items:
                if (!IsWhole(reader))
                {
                    return false;
                }

                _onItem(JsonSerializer.Deserialize(ref reader, _item)!);
                return true;

            default:
                throw new InvalidOperationException($"Nothing to read in phase {_phase}.");
        }
    }

    // True when the value the reader is at ends within its bytes (always, for a number, string, true, false or null).
    private static bool IsWhole(Utf8JsonReader reader) => reader.TrySkip();
}
