namespace Movies.Cli.Bench;

/// <summary>One whole <c>movies run</c> as a process against the OMDb stand-in process: its wall time from
/// start to exit; the enrichment window as the stand-in saw it (first request in to last answer out) and the
/// ideal window (movies × latency ÷ OMDb concurrency); its peak working set and growth over the working set
/// once its host was built; and every lake operation it made (bronze, silver, gold, events), per movie.</summary>
public sealed record RunMeasurement(
    int Movies,
    double LatencyMs,
    int OmdbConcurrency,
    double ProcessSeconds,
    double EnrichWindowSeconds,
    double EnrichIdealSeconds,
    long OmdbRequests,
    int Fetched,
    int SilverRows,
    double PeakMb,
    double PeakGrowthMb,
    double OpsPerMovie,
    IReadOnlyDictionary<string, double> OpsPerMovieByContainer,
    IReadOnlyDictionary<string, LakeOps> Ops);
