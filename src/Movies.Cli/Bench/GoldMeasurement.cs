namespace Movies.Cli.Bench;

/// <summary>The gold comparison at one size: each figure's median and spread over the pairs, the pairs
/// themselves, and the rows of each table (the same on both sides, value for value, or there is no figure).</summary>
public sealed record GoldMeasurement(
    int Rows,
    Spread Ratio,
    Spread WorkRatio,
    Spread EngineSeconds,
    Spread DuckdbSeconds,
    Spread EngineWorkSeconds,
    Spread DuckdbWorkSeconds,
    Spread EnginePeakMb,
    Spread EnginePeakGrowthMb,
    Spread DuckdbPeakMb,
    bool ValuesEqual,
    IReadOnlyDictionary<string, int> TableRows,
    IReadOnlyList<GoldPair> Pairs);
