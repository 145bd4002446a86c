using Movies.Pipeline.Gold;

namespace Movies.Pipeline.Providers;

/// <summary>What one ingestion did: each landed file's outcome, the files refused (left in landing with the reason), the
/// gold version published from the providers' current tables (null when gold already reflected them), and how the
/// providers join gold's films now: each provider's coverage and its unmatched rows by reason.</summary>
public sealed record IngestResult(
    IReadOnlyList<ProviderFileResult> Files,
    IReadOnlyList<RefusedFile> Refused,
    GoldResult? Gold,
    IReadOnlyList<ProviderCoverageRow> Coverage,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> UnmatchedByReason);

/// <summary>A landed file that could not be ingested, and why; it stays in landing.</summary>
public sealed record RefusedFile(string LandingBlob, string Reason);
