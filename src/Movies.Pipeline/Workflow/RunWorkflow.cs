using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>The run, written once: select, run the batches chunk by chunk (none after a run-fatal answer or once the
/// day's OMDb quota is spent) (<see cref="ChunkWorkflow"/>: a sliding
/// window of batches inside each chunk), then write the manifest. In Durable each chunk is a sub-orchestration, so
/// this orchestration's history holds one call per chunk, not one per batch. It obeys the orchestrator rules (no
/// I/O, clock or randomness of its own; the same step results always give the same calls in the same order), so
/// the Durable orchestrator replays it safely.</summary>
public static class RunWorkflow
{
    public static async Task<RunOutcome> RunAsync(IRunSteps steps, RunRequest request, int maxParallelBatches, int batchesPerChunk)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelBatches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerChunk, 1);

        var plan = await steps.SelectAsync(request);
        var chunks = (plan.Batches + batchesPerChunk - 1) / batchesPerChunk;
        var counts = OutcomeCounts.Zero;
        var done = 0;
        var chunk = 0;
        string? fatal = null;
        string? deferred = null;
        steps.ReportProgress(new RunProgress(plan.RunId, "enriching", 0, plan.Batches, counts, null, 0, chunks));

        // One chunk at a time: the window of MAX_PARALLEL_BATCHES lives inside a chunk, so the bound on batches in
        // flight holds across the run and a fatal answer stops the run at once (no other chunk is still starting
        // batches). The price: a chunk's slowest batch holds back the next chunk's start.
        while (chunk < chunks && fatal is null && deferred is null)
        {
            chunk++;
            var first = ((chunk - 1) * batchesPerChunk) + 1;
            var last = Math.Min(plan.Batches, chunk * batchesPerChunk);
            var result = await steps.RunChunkAsync(new ChunkWork(plan.RunId, plan.RunFolder, request.Attempt, chunk, chunks, first, last, plan.Batches,
                maxParallelBatches, done, counts));
            counts = counts.Add(result.Counts);
            done += result.BatchesDone;
            fatal ??= result.FatalReason;
            deferred ??= result.DeferReason;
            steps.ReportProgress(new RunProgress(plan.RunId, "enriching", done, plan.Batches, counts, fatal, chunk, chunks));
        }

        var manifest = await steps.WriteManifestAsync(new ManifestWork(plan.RunId, plan.RunFolder, fatal, deferred, request.Attempt));
        steps.ReportProgress(new RunProgress(plan.RunId, "bronze complete", done, plan.Batches, manifest.Counts, fatal, chunk, chunks));
        return new RunOutcome(plan, manifest, fatal, deferred);
    }
}
