namespace Movies.Cli.Bench;

/// <summary>What <c>movies bench</c> measures and how big. Quick (the default) finishes in about a minute on
/// two cores; full gives the 100k figures.</summary>
public sealed record BenchPlan(string Mode, int Pairs, int EnrichMovies, TimeSpan Latency, IReadOnlyList<int> Sizes, int GoldRows)
{
    public const int MinPairs = 3;

    public static BenchPlan Quick { get; } = new("quick", MinPairs, 100, TimeSpan.FromMilliseconds(50), [500], 5_000);

    public static BenchPlan Full { get; } = new("full", MinPairs, 1000, TimeSpan.FromMilliseconds(50), [1000, 10_000, 100_000], 100_000);
}
