namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench --json</c> prints. Ratios, so shared, noisy machines still compare.</summary>
public sealed record BenchResult(
    double EnrichRatio,
    double EnrichSeconds,
    double EnrichIdealSeconds,
    int EnrichMovies,
    int EnrichConcurrency,
    IReadOnlyDictionary<string, double> OpsPerMovie,
    string Machine);
