using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Movies.Cli.Bench;

/// <summary>Lets <c>movies bench</c> see inside a real <c>movies</c> process without changing what it does.
/// When <c>MOVIES_BENCH_PROBE</c> names a file, the lake is wrapped in <see cref="LakeOpsCounter"/> and the
/// process writes a <see cref="ProbeReport"/> there as it exits. Unset (always, outside the bench), nothing
/// is wrapped, counted or written. A bench hook, not a pipeline setting: the engine never reads it.</summary>
public static class BenchProbe
{
    public const string Variable = "MOVIES_BENCH_PROBE";

    private static readonly ConcurrentDictionary<string, long[]> Counts = new(StringComparer.Ordinal);
    private static long _startWorkingSet;
    private static readonly ConcurrentDictionary<string, long> PeaksByStage = new(StringComparer.Ordinal);

    private static string? ReportPath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    /// <summary>Called by <see cref="CliHost.Build"/> once the engine is registered: wraps the lake when probed.</summary>
    public static void Attach(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (ReportPath is null || !LakeProxy.Wrap(services, lake => LakeOpsCounter.Wrap(lake, Counts)))
        {
            return;
        }

        Interlocked.CompareExchange(ref _startWorkingSet, ProcessMemory.WorkingSetBytes(), 0);
    }

    /// <summary>Called as the process ends: writes the report when probed.</summary>
    public static void Report(int exitCode)
    {
        if (ReportPath is not { } path)
        {
            return;
        }

        var report = new ProbeReport(exitCode, LakeOpsCounter.Snapshot(Counts), Interlocked.Read(ref _startWorkingSet), ProcessMemory.PeakWorkingSetBytes(),
            PeaksByStage.GetValueOrDefault(StageSilver), new SortedDictionary<string, long>(PeaksByStage, StringComparer.Ordinal));
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(report, BenchJsonContext.Default.ProbeReport));
    }

    /// <summary>Stages whose end the counter sees by a write: the bronze manifest (selection and enrichment done), the
    /// silver manifest (silver done, gold next), gold's version marker (gold done, the report next).</summary>
    public const string StageBronze = "1_bronze";
    public const string StageSilver = "2_silver";
    public const string StageGold = "3_gold";

    /// <summary>Called by the counter at the end of a stage: the peak working set so far (the first time only).</summary>
    public static void MarkStage(string stage) => PeaksByStage.TryAdd(stage, ProcessMemory.PeakWorkingSetBytes());
}
