namespace Movies.Cli.Bench;

/// <summary>One whole <c>movies run</c> as a process against the OMDb stand-in process: its wall time from
/// start to exit; the enrichment window as the stand-in saw it (first request in to last answer out) and the
/// ideal window (movies × latency ÷ OMDb concurrency); its peak working set, that peak before gold began, and growth
/// over the working set once its host was built; and every lake operation it made (bronze, silver, gold, events), per
/// movie. <paramref name="NextDay"/> is a second run over the same catalogue and lake (nothing stale).</summary>
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
    IReadOnlyDictionary<string, LakeOps> Ops,
    double PeakBeforeGoldMb = 0,
    RunMeasurement? NextDay = null,
    int Cached = 0,
    IReadOnlyDictionary<string, double>? PeakMbByStage = null);
