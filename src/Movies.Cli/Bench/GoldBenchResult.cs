namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench gold --json</c> prints.</summary>
public sealed record GoldBenchResult(GoldMeasurement Gold, string Machine);
