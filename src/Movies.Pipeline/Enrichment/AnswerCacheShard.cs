namespace Movies.Pipeline.Enrichment;

/// <summary>One shard of the answer cache (<see cref="EnrichmentPaths.CacheShard"/>): its films, ordered by movie key.</summary>
public sealed record AnswerCacheShard(IReadOnlyList<CachedAnswer> Answers);
