namespace Movies.Pipeline.Bronze;

/// <summary>The run manifest, written last beside the bronze movies: every selected movie and how it
/// ended. Its arrival starts silver.</summary>
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
    IReadOnlyList<MovieOutcome> Movies);
