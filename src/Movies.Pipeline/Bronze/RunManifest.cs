namespace Movies.Pipeline.Bronze;

/// <summary>The run manifest, written last beside the bronze movies: every selected movie and how it
/// ended (a cached movie names the earlier run's bronze blob that holds its answer). Its arrival starts silver.
/// <paramref name="DeferReason"/> says why movies were deferred to the next run, when some were.</summary>
public sealed record RunManifest(
    string RunId,
    DateOnly RunDate,
    DateTimeOffset StartedAt,
    int TopN,
    int BatchSize,
    int Batches,
    OutcomeCounts Counts,
    string? FatalReason,
    int SourceRows,
    int SourceRejects,
    IReadOnlyList<MovieOutcome> Movies,
    string? DeferReason = null);
