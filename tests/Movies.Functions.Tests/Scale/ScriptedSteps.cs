using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Movies.Functions.Orchestration;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Scale;

/// <summary>The run's activities scripted (no I/O, no OMDb), registered under the app's activity names so the app's own
/// orchestrators run over them on the real engine: a plan of <paramref name="topN"/> movies in batches of
/// <paramref name="batchSize"/>, every movie fetched unless its batch is scripted to meet a run-fatal answer. Each
/// batch may wait first (<see cref="BeforeBatch"/>); what ran, and how many at once, is counted.</summary>
internal sealed class ScriptedSteps(int topN, int batchSize, IReadOnlyDictionary<int, string>? fatalByBatch = null)
{
    public const string RunFolder = "2025/01/02/20250102-daily";

    private readonly ConcurrentDictionary<int, int> _runs = new();
    private int _inFlight;
    private int _maxInFlight;
    private long _fetched;

    public int Batches => (topN + batchSize - 1) / batchSize;

    /// <summary>Awaited at the start of each batch: a delay, or a gate the test opens.</summary>
    public Func<int, Task>? BeforeBatch { get; set; }

    /// <summary>How often each batch ran.</summary>
    public IReadOnlyDictionary<int, int> Runs => _runs;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<RunRequest, RunPlan>(nameof(RunActivities.SelectMovies),
            (_, request) => new RunPlan(request.RunId, RunFolder, topN, batchSize, Batches, topN, 0, false));
        registry.AddActivityFunc<BatchWork, BatchResult>(nameof(RunActivities.EnrichBatch), (_, work) => EnrichAsync(work));
        registry.AddActivityFunc<ManifestWork, ManifestResult>(nameof(RunActivities.WriteRunManifest), (_, work) =>
        {
            var fetched = (int)Interlocked.Read(ref _fetched);
            return new ManifestResult(BronzePaths.Manifest(work.RunFolder), topN, new OutcomeCounts(fetched, 0, 0, topN - fetched));
        });
        registry.AddActivityFunc<PipelineEvent, string>(nameof(RunActivities.PublishPipelineEvent), (_, e) => e.MessageId);
    }

    private async Task<BatchResult> EnrichAsync(BatchWork work)
    {
        _runs.AddOrUpdate(work.Batch, 1, (_, runs) => runs + 1);
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            if (BeforeBatch is { } before)
            {
                await before(work.Batch);
            }

            var movies = Math.Min(batchSize, topN - ((work.Batch - 1) * batchSize));
            var fatal = fatalByBatch?.GetValueOrDefault(work.Batch);
            Interlocked.Add(ref _fetched, fatal is null ? movies : 0);
            return new BatchResult(work.Batch, fatal is null ? new OutcomeCounts(movies, 0, 0, 0) : new OutcomeCounts(0, 0, 0, movies), fatal);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
