namespace Movies.Cli.Bench;

/// <summary>One pair of the gold comparison: both sides as fresh processes on the same silver input, in the
/// order given by <see cref="First"/>. Seconds are whole processes (start to exit); work seconds are the
/// build inside each process; memory is each process's peak working set and, for the engine, its growth
/// over its working set just before the promotion.</summary>
public sealed record GoldPair(
    int Pair,
    string First,
    double EngineSeconds,
    double DuckdbSeconds,
    double Ratio,
    double EngineWorkSeconds,
    double DuckdbWorkSeconds,
    double EnginePeakMb,
    double EnginePeakGrowthMb,
    double DuckdbPeakMb,
    long CellsCompared);
