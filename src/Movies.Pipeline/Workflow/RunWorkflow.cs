using Movies.Pipeline.Bronze;

namespace Movies.Pipeline.Workflow;

/// <summary>The run, written once: select, fan the batches out in waves, fan in, write the manifest.
/// It obeys the orchestrator rules (no I/O, clock or randomness of its own; the same step results always
/// give the same calls in the same order), so the Durable orchestrator replays it safely.</summary>
public static class RunWorkflow
{
    public static async Task<RunOutcome> RunAsync(IRunSteps steps, RunRequest request, int maxParallelBatches)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelBatches, 1);

        var plan = await steps.SelectAsync(request);
        var counts = OutcomeCounts.Zero;
        var done = 0;
        string? fatal = null;
        steps.ReportProgress(new RunProgress(plan.RunId, "enriching", 0, plan.Batches, counts, null));

        // Waves bound the fan-out; after a run-fatal answer (bad key, quota) no further wave starts.
        for (var first = 1; first <= plan.Batches && fatal is null; first += maxParallelBatches)
        {
            var wave = Enumerable.Range(first, Math.Min(maxParallelBatches, plan.Batches - first + 1))
                .Select(batch => steps.EnrichBatchAsync(new BatchWork(plan.RunId, plan.RunFolder, batch, request.Attempt)))
                .ToList();
            foreach (var result in await Task.WhenAll(wave))
            {
                counts = counts.Add(result.Counts);
                done++;
                fatal ??= result.FatalReason;
            }

            steps.ReportProgress(new RunProgress(plan.RunId, "enriching", done, plan.Batches, counts, fatal));
        }

        var manifest = await steps.WriteManifestAsync(new ManifestWork(plan.RunId, plan.RunFolder, fatal));
        steps.ReportProgress(new RunProgress(plan.RunId, "bronze complete", done, plan.Batches, manifest.Counts, fatal));
        return new RunOutcome(plan, manifest, fatal);
    }
}
