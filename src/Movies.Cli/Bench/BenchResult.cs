namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench --json</c> prints. The headline figures keep the names they are known by
/// (<c>enrich_ratio</c>, <c>ops_per_movie</c>, <c>gold_vs_duckdb</c>, <c>peak_mb</c>), each a median; the objects
/// beside them hold every measurement and its spread.</summary>
public sealed record BenchResult(
    string Mode,
    int Pairs,
    double EnrichRatio,
    EnrichFigures Enrich,
    IReadOnlyDictionary<string, double> OpsPerMovie,
    IReadOnlyList<RunMeasurement> Runs,
    double GoldVsDuckdb,
    GoldMeasurement Gold,
    double PeakMb,
    double PeakGrowthMb,
    IReadOnlyDictionary<string, string> Settings,
    double Seconds,
    string Machine);
