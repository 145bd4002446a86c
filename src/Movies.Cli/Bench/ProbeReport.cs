namespace Movies.Cli.Bench;

/// <summary>What a probed <c>movies</c> process reports about itself when it ends (see <see cref="BenchProbe"/>):
/// its exit code, the lake operations it made per container, its working set once its host was built, and
/// its peak working set (the OS's high-water mark, so nothing between samples is missed), and that high-water mark when
/// silver wrote its manifest, before gold began (0 when the process promoted nothing), and by stage (see
/// <see cref="BenchProbe.MarkStage"/>).</summary>
public sealed record ProbeReport(int ExitCode, IReadOnlyDictionary<string, LakeOps> Ops, long StartWorkingSetBytes, long PeakWorkingSetBytes, long PeakBeforeGoldBytes = 0,
    IReadOnlyDictionary<string, long>? PeakByStageBytes = null);
