namespace Movies.Pipeline.Bronze;

/// <summary>One movie's line in the run manifest. <paramref name="Outcome"/> is one of
/// <see cref="MovieOutcomes"/>; every outcome but fetched has a reason. <paramref name="Blob"/> names the bronze
/// record that holds the answer (for a cached movie, an earlier run's). <paramref name="ImdbId"/> and
/// <paramref name="AnsweredAt"/> (when OMDb was asked) are set for answered movies, for the enrichment cache;
/// older manifests lack them.</summary>
public sealed record MovieOutcome(string MovieKey, string Title, int? Year, int Batch, string Outcome, string? Blob, string? Reason, int Attempts,
    string? ImdbId = null, DateTimeOffset? AnsweredAt = null);
