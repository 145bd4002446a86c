using System.Text.Json.Serialization;

namespace Movies.Pipeline.Bronze;

/// <summary>One fetched movie in bronze: OMDb's answer exactly as received, the source row, the request
/// (without key), when it was made and how many attempts it took. Written once, never rewritten.</summary>
public sealed record BronzeRecord(
    string RunId,
    string MovieKey,
    int Batch,
    BronzeRequest Request,
    DateTimeOffset RequestedAt,
    int Attempts,
    [property: JsonConverter(typeof(RawJsonConverter))] string Source,
    [property: JsonConverter(typeof(RawJsonConverter))] string Omdb);
