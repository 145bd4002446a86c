using System.Text.Json.Serialization;

namespace Movies.Pipeline.Bronze;

/// <summary>A selected movie in its batch plan, with its source row as it was.</summary>
public sealed record PlannedMovie(
    int Rank,
    string MovieKey,
    string Title,
    int? Year,
    double WeightedRating,
    int SourceIndex,
    [property: JsonConverter(typeof(RawJsonConverter))] string Source);
