namespace Movies.Cli.Bench;

/// <summary>enrich_ratio, repeated: whole runs against the stand-in at a fixed latency, each run's enrichment
/// window (as the stand-in saw it) and whole process time over the ideal window.</summary>
public sealed record EnrichFigures(
    int Movies,
    double LatencyMs,
    int OmdbConcurrency,
    double IdealSeconds,
    Spread Ratio,
    Spread WindowSeconds,
    Spread ProcessSeconds,
    Spread ProcessRatio,
    IReadOnlyList<RunMeasurement> Runs);
