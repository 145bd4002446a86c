using Movies.Pipeline.Providers;

namespace Movies.Cli.Commands;

/// <summary>What <c>movies ingest --json</c> prints: each file's outcome, the files refused, the gold version published
/// (null when gold already reflected every provider), and each provider's join with gold's films.</summary>
public sealed record IngestSummary(
    IReadOnlyList<ProviderFileResult> Files,
    IReadOnlyList<RefusedFile> Refused,
    IngestGold? Gold,
    IReadOnlyList<ProviderJoinSummary> Providers);

/// <summary>The gold version an ingestion published.</summary>
public sealed record IngestGold(long Version, string? ContentHash, int FilesWritten, IReadOnlyDictionary<string, int> Tables);

/// <summary>How one provider's current table joins gold's films: rows, matched by imdbID and by title + year,
/// unmatched (by reason), the join rate (matched rows / rows) and the films it covers.</summary>
public sealed record ProviderJoinSummary(
    string Provider,
    long SilverVersion,
    string? CurrentFiles,
    int Rows,
    int MatchedByImdbId,
    int MatchedByTitleYear,
    int Unmatched,
    IReadOnlyDictionary<string, int> UnmatchedByReason,
    double? JoinRatePercent,
    int Films,
    double? FilmCoveragePercent);
