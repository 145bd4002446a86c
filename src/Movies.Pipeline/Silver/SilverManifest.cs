using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Silver;

/// <summary>Written last beside a run's silver dataset; its arrival starts gold. Carries what gold's run
/// quality needs, so gold never rereads bronze.</summary>
public sealed record SilverManifest(
    string RunId,
    DateOnly RunDate,
    DateTimeOffset StartedAt,
    int SchemaVersion,
    string BronzeManifest,
    OutcomeCounts Bronze,
    string? FatalReason,
    int BronzeRecords,
    int Rows,
    int Rejects,
    IReadOnlyDictionary<string, int> RejectsByReason,
    string MoviesBlob,
    string RejectsBlob);
