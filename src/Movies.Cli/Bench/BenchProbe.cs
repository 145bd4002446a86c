using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Movies.Pipeline.Lake;

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

    private static string? ReportPath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    /// <summary>Called by <see cref="CliHost.Build"/> once the engine is registered: wraps the lake when probed.</summary>
    public static void Attach(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (ReportPath is null || services.LastOrDefault(d => d.ServiceType == typeof(ILakeStore)) is not { } lake)
        {
            return;
        }

        services.Remove(lake);
        services.AddSingleton(sp => LakeOpsCounter.Wrap(Resolve(lake, sp), Counts));
        Interlocked.CompareExchange(ref _startWorkingSet, ProcessMemory.WorkingSetBytes(), 0);
    }

    /// <summary>Called as the process ends: writes the report when probed.</summary>
    public static void Report(int exitCode)
    {
        if (ReportPath is not { } path)
        {
            return;
        }

        var report = new ProbeReport(exitCode, LakeOpsCounter.Snapshot(Counts), Interlocked.Read(ref _startWorkingSet), ProcessMemory.PeakWorkingSetBytes());
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(report, BenchJsonContext.Default.ProbeReport));
    }

    private static ILakeStore Resolve(ServiceDescriptor lake, IServiceProvider services)
        => (ILakeStore)(lake.ImplementationInstance
            ?? lake.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, lake.ImplementationType!));
}
