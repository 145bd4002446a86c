using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Source;

namespace Movies.Pipeline.Workflow;

/// <summary>Runs each step directly in this process: what the CLI does, and what each Durable activity
/// does for its one step. Reports progress after every batch, not only after each wave, so a long run
/// shows it is moving.</summary>
public sealed class InProcessRunSteps(MovieSelector selector, BatchEnricher enricher, ManifestWriter manifests, IProgress<RunProgress>? reporter, CancellationToken cancellationToken) : IRunSteps
{
    private readonly Lock _gate = new();
    private int _batches;
    private int _done;
    private OutcomeCounts _counts = OutcomeCounts.Zero;
    private string? _fatal;

    public async Task<RunPlan> SelectAsync(RunRequest request)
    {
        var plan = await selector.SelectAsync(request, cancellationToken);
        _batches = plan.Batches;
        return plan;
    }

    public async Task<BatchResult> EnrichBatchAsync(BatchWork work)
    {
        var result = await enricher.EnrichAsync(work, cancellationToken);
        if (reporter is not null)
        {
            // Under the lock, so reports leave in the order batches finish.
            lock (_gate)
            {
                _done++;
                _counts = _counts.Add(result.Counts);
                _fatal ??= result.FatalReason;
                reporter.Report(new RunProgress(work.RunId, "enriching", _done, _batches, _counts, _fatal));
            }
        }

        return result;
    }

    public Task<ManifestResult> WriteManifestAsync(ManifestWork work) => manifests.WriteAsync(work, cancellationToken);

    public void ReportProgress(RunProgress progress) => reporter?.Report(progress);
}
