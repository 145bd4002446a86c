namespace Movies.Cli.Bench;

/// <summary>One silver→gold measurement: the engine's build and DuckDB's over the same Parquet input, the
/// engine's peak memory, and where its time went.</summary>
public sealed record GoldBenchResult(
    int Rows,
    double EngineSeconds,
    double DuckDbSeconds,
    long BaselineWorkingSetBytes,
    long PeakWorkingSetGrowthBytes,
    long PeakManagedBytes,
    IReadOnlyDictionary<string, double> EnginePhaseSeconds);
