namespace Movies.Cli.Bench;

/// <summary>What one side of the gold comparison prints when its process is done: the seconds its build took
/// inside the process (the caller also times the whole process), its working set before the build and its
/// peak working set, and the rows of each table it wrote.</summary>
public sealed record GoldSideReport(double Seconds, long StartWorkingSetBytes, long PeakWorkingSetBytes, IReadOnlyDictionary<string, int> TableRows);
