using System.Runtime.InteropServices;

namespace Movies.Cli.Bench;

/// <summary>The machine a figure was measured on, with its load: on a shared machine the load explains a lot.</summary>
public static class Machine
{
    public static string Describe()
    {
        var load = File.Exists("/proc/loadavg") ? $", load {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : string.Empty;
        return $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}{load}";
    }
}
