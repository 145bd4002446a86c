using System.Diagnostics;

namespace Movies.Cli.Bench;

/// <summary>Samples this process's memory on a timer until disposed: the peak working set (managed heap,
/// native buffers and code together) and the peak managed heap, against the working set at start.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private readonly long _baselineWorkingSet;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler(TimeSpan interval)
    {
        _baselineWorkingSet = WorkingSet();
        _peakWorkingSet = _baselineWorkingSet;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, interval);
    }

    /// <summary>The working set when sampling started, in bytes.</summary>
    public long BaselineWorkingSet => _baselineWorkingSet;

    /// <summary>Peak working set minus the working set when sampling started, in bytes.</summary>
    public long PeakWorkingSetGrowth
    {
        get
        {
            lock (_gate)
            {
                return _peakWorkingSet - _baselineWorkingSet;
            }
        }
    }

    public long PeakManaged
    {
        get
        {
            lock (_gate)
            {
                return _peakManaged;
            }
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        // One last look, so a build shorter than the interval is still seen.
        Sample();
    }

    private void Sample()
    {
        var workingSet = WorkingSet();
        var managed = GC.GetTotalMemory(false);
        lock (_gate)
        {
            _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
            _peakManaged = Math.Max(_peakManaged, managed);
        }
    }

    private static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
