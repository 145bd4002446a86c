namespace Movies.Pipeline.Enrichment;

/// <summary>One film's last OMDb answer in the cache, by movie key: <paramref name="Outcome"/> is
/// <c>fetched</c> (the answer is bronze blob <paramref name="Blob"/>, with its <paramref name="ImdbId"/>) or
/// <c>not_found</c> (with OMDb's <paramref name="Reason"/>); <paramref name="AnsweredAt"/> is when OMDb was asked,
/// by run <paramref name="RunId"/>.</summary>
public sealed record CachedAnswer(string MovieKey, string Outcome, string? Blob, string? ImdbId, DateTimeOffset AnsweredAt, string RunId, string? Reason = null);
