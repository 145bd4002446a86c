namespace Movies.Cli.Bench;

/// <summary>What the OMDb stand-in saw since its last reset: movie requests, and the seconds from the first
/// request's arrival to the last answer's departure (the enrichment window as OMDb sees it).</summary>
public sealed record OmdbStandInStats(long Requests, double WindowSeconds, double LatencyMs);
