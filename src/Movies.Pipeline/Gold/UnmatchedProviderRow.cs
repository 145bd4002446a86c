using System.Text.Json.Serialization;

namespace Movies.Pipeline.Gold;

/// <summary>A provider row that matched no film in <c>unmatched_provider_rows</c>, with the reason, so the join can be
/// audited: which provider, which file rows (<c>{arrivalId}:{row}</c>), its keys as the provider gave them, and why.</summary>
public sealed record UnmatchedProviderRow
{
    [JsonPropertyName("provider")]
    public string Provider { get; init; } = string.Empty;

    [JsonPropertyName("source_rows")]
    public string SourceRows { get; init; } = string.Empty;

    [JsonPropertyName("imdb_id")]
    public string? ImdbId { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("year")]
    public int? Year { get; init; }

    [JsonPropertyName("title_key")]
    public string? TitleKey { get; init; }

    [JsonPropertyName("reason")]
    public string Reason { get; init; } = string.Empty;

    [JsonPropertyName("detail")]
    public string Detail { get; init; } = string.Empty;
}
