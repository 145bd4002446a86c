using System.Runtime;

namespace Movies.Pipeline.Workflow;

/// <summary>Where one stage of a run hands over to the next in the same process (<see cref="RunPromoter"/>: bronze,
/// silver, the report, gold). Everything the finished stage read and built is garbage then, most of it old enough to
/// sit in the oldest generation, which the GC otherwise sweeps in the background, without compacting, while the next
/// stage's allocations already grow the heap: so each stage's garbage added to the next one's peak. One blocking,
/// compacting collection here (large objects too) costs a fraction of a second per stage and lets the next stage
/// start on the live data alone (docs/performance.md, issue 12).</summary>
public static class StageBoundary
{
    public static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
