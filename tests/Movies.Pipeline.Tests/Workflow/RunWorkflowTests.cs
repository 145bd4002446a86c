using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Workflow;

public sealed class RunWorkflowTests
{
    private static readonly RunRequest Request = new("20250102-daily", new DateOnly(2025, 1, 2), new DateTimeOffset(2025, 1, 2, 3, 0, 0, TimeSpan.Zero), 20, 5);

    [Fact]
    public async Task RunAsync_SameStepResults_SameCallsInSameOrder()
    {
        var first = new ReplayingRunSteps(20, 5);
        var second = new ReplayingRunSteps(20, 5);

        var a = await RunWorkflow.RunAsync(first, Request, maxParallelBatches: 3);
        var b = await RunWorkflow.RunAsync(second, Request, maxParallelBatches: 3);

        Assert.Equal(first.Calls, second.Calls);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task RunAsync_TwentyByFive_CallsFourBatchesThenManifest()
    {
        var steps = new ReplayingRunSteps(20, 5);

        var outcome = await RunWorkflow.RunAsync(steps, Request, maxParallelBatches: 4);

        Assert.Equal(["enrich 1", "enrich 2", "enrich 3", "enrich 4"], steps.Calls.Where(c => c.StartsWith("enrich", StringComparison.Ordinal)));
        Assert.Equal("manifest ok", steps.Calls.Single(c => c.StartsWith("manifest", StringComparison.Ordinal)));
        Assert.True(outcome.Succeeded);
        Assert.Equal(4, steps.Progress[^2].BatchesDone);
    }

    [Fact]
    public async Task RunAsync_FatalAnswerInFirstWave_StopsLaterWavesAndManifestGetsReason()
    {
        var steps = new ReplayingRunSteps(20, 5, new Dictionary<int, string> { [2] = "OMDb rejected the API key" });

        var outcome = await RunWorkflow.RunAsync(steps, Request, maxParallelBatches: 2);

        Assert.Equal(["enrich 1", "enrich 2"], steps.Calls.Where(c => c.StartsWith("enrich", StringComparison.Ordinal)));
        Assert.Equal("manifest OMDb rejected the API key", steps.Calls.Single(c => c.StartsWith("manifest", StringComparison.Ordinal)));
        Assert.False(outcome.Succeeded);
        Assert.Equal("OMDb rejected the API key", outcome.FatalReason);
        Assert.Equal("OMDb rejected the API key", steps.Progress[^1].FatalReason);
    }

    [Fact]
    public async Task RunAsync_SmallerWaves_RunsBatchesInWavesInOrder()
    {
        var steps = new ReplayingRunSteps(23, 5);

        await RunWorkflow.RunAsync(steps, Request with { TopN = 23 }, maxParallelBatches: 2);

        Assert.Equal(
            ["select 20250102-daily 23/5", "progress enriching 0/5", "enrich 1", "enrich 2", "progress enriching 2/5", "enrich 3", "enrich 4", "progress enriching 4/5",
             "enrich 5", "progress enriching 5/5", "manifest ok", "progress bronze complete 5/5"],
            steps.Calls);
    }
}
