using System.Diagnostics;
using System.Globalization;

namespace Movies.Cli.Bench;

/// <summary>This process's memory as the OS counts it: the resident set now and its high-water mark (Linux
/// <c>VmRSS</c> and <c>VmHWM</c> in /proc/self/status; elsewhere what <see cref="Process"/> reports).</summary>
public static class ProcessMemory
{
    public static long WorkingSetBytes() => Read("VmRSS:") ?? Current(p => p.WorkingSet64);

    public static long PeakWorkingSetBytes() => Read("VmHWM:") ?? Current(p => p.PeakWorkingSet64);

    private static long Current(Func<Process, long> value)
    {
        using var process = Process.GetCurrentProcess();
        return value(process);
    }

    private static long? Read(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                // "VmHWM:     123456 kB"
                var kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
