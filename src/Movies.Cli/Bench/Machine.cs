using System.Runtime.InteropServices;

namespace Movies.Cli.Bench;

/// <summary>The machine a figure was measured on, with its load: on a shared machine the load explains a lot.</summary>
public static class Machine
{
    /// <summary>Cores, memory, OS, runtime and the load averages now; <paramref name="loadAtStart"/> (from
    /// <see cref="Load"/>) adds the load when the measurement began.</summary>
    public static string Describe(string? loadAtStart = null)
    {
        var load = Load() is { } now ? loadAtStart is null ? $", load {now}" : $", load {loadAtStart} at start, {now} at end" : string.Empty;
        return $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {Build()}{load}";
    }

    /// <summary>How this <c>movies</c> was built, which decides how much is left to JIT-compile in every process it
    /// starts: self-contained with one composite ReadyToRun image of the app and the framework (docs/performance.md,
    /// "Overlap, and a composite build"), or framework-dependent (the Release build's own ReadyToRun images, or none
    /// in Debug).</summary>
    public static string Build()
    {
        var selfContained = string.Equals(Path.GetDirectoryName(typeof(object).Assembly.Location), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal);
        var composite = File.Exists(Path.Combine(AppContext.BaseDirectory, $"{typeof(Machine).Assembly.GetName().Name}.r2r.dll"));
        return (selfContained, composite) switch
        {
            (true, true) => "self-contained composite ReadyToRun build",
            (true, false) => "self-contained build",
            _ => "framework-dependent build",
        };
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or null.</summary>
    public static string? Load()
        => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}
