namespace Movies.Cli.Bench;

/// <summary>What a probed <c>movies</c> process reports about itself when it ends (see <see cref="BenchProbe"/>):
/// its exit code, the lake operations it made per container, its working set once its host was built, and
/// its peak working set (the OS's high-water mark, so nothing between samples is missed).</summary>
public sealed record ProbeReport(int ExitCode, IReadOnlyDictionary<string, LakeOps> Ops, long StartWorkingSetBytes, long PeakWorkingSetBytes);
