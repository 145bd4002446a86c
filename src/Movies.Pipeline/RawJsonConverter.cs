using System.Text.Json;
using System.Text.Json.Serialization;

namespace Movies.Pipeline;

/// <summary>Carries a JSON value as its exact text: the OMDb answer "as received" and the source row
/// keep every byte, escape and number format they arrived with.</summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        => writer.WriteRawValue(value, skipInputValidation: false);
}
