namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench --json</c> prints. Ratios, so shared, noisy machines still compare.</summary>
public sealed record BenchResult(
    double EnrichRatio,
    double EnrichSeconds,
    double EnrichIdealSeconds,
    int EnrichMovies,
    int EnrichConcurrency,
    IReadOnlyDictionary<string, double> OpsPerMovie,
    double GoldVsDuckdb,
    double GoldSeconds,
    double DuckdbSeconds,
    int GoldRows,
    double PeakMb,
    double PeakBaselineMb,
    double PeakManagedMb,
    IReadOnlyDictionary<string, double> GoldPhaseSeconds,
    string Machine);
