using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>One chunk of a run's batches through a sliding window: up to <see cref="ChunkWork.MaxParallelBatches"/>
/// in flight, the next started (in batch order) as soon as any one finishes, so a slow batch holds one slot and
/// not a wave. After a run-fatal answer, or once a batch found the day's quota spent (it deferred movies), no new
/// batch starts; the ones in flight are awaited, so the manifest written after sees all they wrote. Orchestrator code, like <see cref="RunWorkflow"/>: the body of the Durable
/// chunk sub-orchestration.</summary>
public static class ChunkWorkflow
{
    public static async Task<ChunkResult> RunAsync(IRunSteps steps, ChunkWork work)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(work.MaxParallelBatches, 1);

        var inFlight = new List<Task<BatchResult>>(Math.Min(work.MaxParallelBatches, Math.Max(1, work.LastBatch - work.FirstBatch + 1)));
        var next = work.FirstBatch;
        var counts = OutcomeCounts.Zero;
        var done = 0;
        string? fatal = null;
        string? deferred = null;
        while (true)
        {
            while (fatal is null && deferred is null && next <= work.LastBatch && inFlight.Count < work.MaxParallelBatches)
            {
                inFlight.Add(steps.EnrichBatchAsync(new BatchWork(work.RunId, work.RunFolder, next++, work.Attempt)));
            }

            if (inFlight.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(inFlight);
            inFlight.Remove(finished);
            if (!finished.IsCompletedSuccessfully)
            {
                // Let the others finish before failing, so nothing of this run is still writing when the caller
                // hears of the failure (a Durable orchestrator would not need it; the CLI does).
                await Task.WhenAll((IEnumerable<Task>)inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            var result = await finished;
            counts = counts.Add(result.Counts);
            done++;
            fatal ??= result.FatalReason;
            deferred ??= result.DeferReason;
            steps.ReportProgress(new RunProgress(work.RunId, "enriching", work.BatchesDoneBefore + done, work.BatchesTotal, work.CountsBefore.Add(counts), fatal,
                work.Chunk, work.Chunks));
        }

        return new ChunkResult(work.Chunk, done, counts, fatal, deferred);
    }
}
