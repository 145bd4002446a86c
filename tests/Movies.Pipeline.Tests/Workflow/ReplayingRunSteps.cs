using Movies.Pipeline.Bronze;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>Steps that answer from a script and record every call, as a Durable replay sees them.</summary>
internal sealed class ReplayingRunSteps(int topN, int batchSize, IReadOnlyDictionary<int, string>? fatalByBatch = null) : IRunSteps
{
    public const string RunFolder = "2025/01/02/20250102-daily";

    public List<string> Calls { get; } = [];

    public List<object> Payloads { get; } = [];

    public List<RunProgress> Progress { get; } = [];

    public Task<RunPlan> SelectAsync(RunRequest request)
    {
        Record($"select {request.RunId} {request.TopN}/{request.BatchSize}", request);
        var plan = new RunPlan(request.RunId, RunFolder, topN, batchSize, (topN + batchSize - 1) / batchSize, 100, 1, Resumed: false);
        Payloads.Add(plan);
        return Task.FromResult(plan);
    }

    /// <summary>In process, as the CLI runs a chunk: the engine's chunk workflow over these same steps.</summary>
    public Task<ChunkResult> RunChunkAsync(ChunkWork work)
    {
        Record($"chunk {work.Chunk}/{work.Chunks} {work.FirstBatch}-{work.LastBatch}", work);
        return ChunkWorkflow.RunAsync(this, work);
    }

    public Task<BatchResult> EnrichBatchAsync(BatchWork work)
    {
        Record($"enrich {work.Batch}", work);
        var fatal = fatalByBatch?.GetValueOrDefault(work.Batch);
        var result = new BatchResult(work.Batch, fatal is null ? new OutcomeCounts(batchSize - 1, 1, 0, 0) : new OutcomeCounts(0, 0, 0, batchSize), fatal);
        Payloads.Add(result);
        return Task.FromResult(result);
    }

    public Task<ManifestResult> WriteManifestAsync(ManifestWork work)
    {
        Record($"manifest {work.FatalReason ?? "ok"}", work);
        var result = new ManifestResult(BronzePaths.Manifest(work.RunFolder), topN, new OutcomeCounts(topN - 2, 1, 1, 0));
        Payloads.Add(result);
        return Task.FromResult(result);
    }

    public void ReportProgress(RunProgress progress)
    {
        Calls.Add($"progress {progress.Stage} {progress.BatchesDone}/{progress.BatchesTotal} chunk {progress.Chunk}/{progress.Chunks}");
        Payloads.Add(progress);
        Progress.Add(progress);
    }

    private void Record(string call, object input)
    {
        Calls.Add(call);
        Payloads.Add(input);
    }
}
