using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

public sealed class RunWorkflowTests
{
    private static readonly RunRequest Request = new("20250102-daily", new DateOnly(2025, 1, 2), new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero), 20, 5);

    private static IEnumerable<string> Enriched(ReplayingRunSteps steps) => steps.Calls.Where(c => c.StartsWith("enrich", StringComparison.Ordinal));

    [Fact]
    public async Task RunAsync_SameStepResults_SameCallsInSameOrder()
    {
        var first = new ReplayingRunSteps(20, 5);
        var second = new ReplayingRunSteps(20, 5);

        var a = await RunWorkflow.RunAsync(first, Request, maxParallelBatches: 3, batchesPerChunk: 2);
        var b = await RunWorkflow.RunAsync(second, Request, maxParallelBatches: 3, batchesPerChunk: 2);

        Assert.Equal(first.Calls, second.Calls);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task RunAsync_TwentyByFive_OneChunkOfFourBatchesThenManifest()
    {
        var steps = new ReplayingRunSteps(20, 5);

        var outcome = await RunWorkflow.RunAsync(steps, Request, maxParallelBatches: 4, batchesPerChunk: 100);

        Assert.Equal(["enrich 1", "enrich 2", "enrich 3", "enrich 4"], Enriched(steps));
        Assert.Equal("chunk 1/1 1-4", steps.Calls.Single(c => c.StartsWith("chunk", StringComparison.Ordinal)));
        Assert.Equal("manifest ok", steps.Calls.Single(c => c.StartsWith("manifest", StringComparison.Ordinal)));
        Assert.True(outcome.Succeeded);
        Assert.Equal(4, steps.Progress[^2].BatchesDone);
    }

    [Fact]
    public async Task RunAsync_FatalAnswer_NoBatchStartsAfterItAndManifestGetsReason()
    {
        var steps = new ReplayingRunSteps(40, 5, new Dictionary<int, string> { [2] = "OMDb rejected the API key" });

        var outcome = await RunWorkflow.RunAsync(steps, Request with { TopN = 40 }, maxParallelBatches: 2, batchesPerChunk: 4);

        // Window of 2: batch 3 took batch 1's slot before batch 2 answered; after batch 2 nothing starts, not
        // in this chunk and no further chunk.
        Assert.Equal(["enrich 1", "enrich 2", "enrich 3"], Enriched(steps));
        Assert.Single(steps.Calls, c => c.StartsWith("chunk", StringComparison.Ordinal));
        Assert.Equal("manifest OMDb rejected the API key", steps.Calls.Single(c => c.StartsWith("manifest", StringComparison.Ordinal)));
        Assert.False(outcome.Succeeded);
        Assert.Equal("OMDb rejected the API key", outcome.FatalReason);
        Assert.Equal("OMDb rejected the API key", steps.Progress[^1].FatalReason);
        Assert.Equal(3, steps.Progress[^1].BatchesDone);
    }

    [Fact]
    public async Task RunAsync_TwentyThreeByFiveInChunksOfTwo_ChunksInOrderEachAWindowProgressAsTheRuns()
    {
        var steps = new ReplayingRunSteps(23, 5);

        await RunWorkflow.RunAsync(steps, Request with { TopN = 23 }, maxParallelBatches: 2, batchesPerChunk: 2);

        Assert.Equal(
            ["select 20250102-daily 23/5", "progress enriching 0/5 chunk 0/3",
             "chunk 1/3 1-2", "enrich 1", "enrich 2", "progress enriching 1/5 chunk 1/3", "progress enriching 2/5 chunk 1/3", "progress enriching 2/5 chunk 1/3",
             "chunk 2/3 3-4", "enrich 3", "enrich 4", "progress enriching 3/5 chunk 2/3", "progress enriching 4/5 chunk 2/3", "progress enriching 4/5 chunk 2/3",
             "chunk 3/3 5-5", "enrich 5", "progress enriching 5/5 chunk 3/3", "progress enriching 5/5 chunk 3/3",
             "manifest ok", "progress bronze complete 5/5 chunk 3/3"],
            steps.Calls);
        Assert.Equal(new Bronze.OutcomeCounts(20, 5, 0, 0), steps.Progress[^2].Counts);
    }

    [Fact]
    public async Task RunAsync_BatchThrows_OthersInFlightFinishBeforeTheErrorArrives()
    {
        var steps = new ThrowingSteps(failing: 1);

        var error = await Assert.ThrowsAsync<IOException>(() => RunWorkflow.RunAsync(steps, Request, maxParallelBatches: 3, batchesPerChunk: 100));

        Assert.Equal("batch 1 failed", error.Message);
        Assert.Equal([1, 2, 3], steps.Started);
        Assert.True(steps.Others.All(t => t.IsCompleted), "a batch was still running when the run failed");
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(4, 0)]
    public async Task RunAsync_NoWindowOrNoChunk_Throws(int maxParallelBatches, int batchesPerChunk)
        => await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RunWorkflow.RunAsync(new ReplayingRunSteps(20, 5), Request, maxParallelBatches, batchesPerChunk));

    /// <summary>Batch <c>failing</c> throws at once; the others finish a moment later.</summary>
    private sealed class ThrowingSteps(int failing) : IRunSteps
    {
        public List<int> Started { get; } = [];

        public List<Task> Others { get; } = [];

        public Task<RunPlan> SelectAsync(RunRequest request)
            => Task.FromResult(new RunPlan(request.RunId, ReplayingRunSteps.RunFolder, 20, 5, 4, 20, 0, false));

        public Task<ChunkResult> RunChunkAsync(ChunkWork work) => ChunkWorkflow.RunAsync(this, work);

        public Task<BatchResult> EnrichBatchAsync(BatchWork work)
        {
            Started.Add(work.Batch);
            if (work.Batch == failing)
            {
                return Task.FromException<BatchResult>(new IOException($"batch {work.Batch} failed"));
            }

            var other = SlowAsync(work.Batch);
            Others.Add(other);
            return other;
        }

        public Task<ManifestResult> WriteManifestAsync(ManifestWork work) => throw new InvalidOperationException("no manifest after a failed batch");

        public void ReportProgress(RunProgress progress)
        {
        }

        private static async Task<BatchResult> SlowAsync(int batch)
        {
            await Task.Delay(50);
            return new BatchResult(batch, new Bronze.OutcomeCounts(5, 0, 0, 0), null);
        }
    }
}
