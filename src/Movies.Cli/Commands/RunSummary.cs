namespace Movies.Cli.Commands;

/// <summary>What <c>movies run --json</c> prints: one object on stdout. <paramref name="Status"/> is succeeded, partial
/// (movies deferred to the next run: the day's OMDb quota ran out; exit 0) or failed (exit 1).</summary>
public sealed record RunSummary(
    string RunId,
    DateOnly RunDate,
    string Status,
    string? FatalReason,
    int TopN,
    int BatchSize,
    int Batches,
    int Movies,
    int Fetched,
    int NotFound,
    int Failed,
    int Skipped,
    int SourceRows,
    int SourceRejects,
    bool Resumed,
    string ManifestBlob,
    int SilverRows,
    int Rejects,
    IReadOnlyDictionary<string, int> RejectsByReason,
    string QualityStatus,
    string? QualityFailureReason,
    IReadOnlyDictionary<string, int> GoldTables,
    int GoldFilesWritten,
    string? Report,
    int Cached = 0,
    int Deferred = 0,
    string? DeferReason = null);
