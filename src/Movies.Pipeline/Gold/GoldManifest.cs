namespace Movies.Pipeline.Gold;

/// <summary>Written last into a run's gold history folder: the tables published, their row counts in
/// latest, and the run's quality verdict.</summary>
public sealed record GoldManifest(
    string RunId,
    DateOnly RunDate,
    DateTimeOffset StartedAt,
    string Status,
    string? FailureReason,
    string SilverManifest,
    IReadOnlyDictionary<string, int> TableRows);
