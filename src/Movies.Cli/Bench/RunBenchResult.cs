namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench run --json</c> prints: each whole run measured, with the tuning settings in effect.</summary>
public sealed record RunBenchResult(IReadOnlyList<RunMeasurement> Runs, IReadOnlyDictionary<string, string> Settings, string Machine);
