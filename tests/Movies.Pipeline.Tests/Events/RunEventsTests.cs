using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Tests.Workflow;
using Movies.Pipeline.Workflow;

namespace Movies.Pipeline.Tests.Events;

public sealed class RunEventsTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 0, 0, TimeSpan.Zero);

    private static RunStart Start(int attempt) => new("20250102-daily", 20, 5, 4, 3, 2, attempt);

    /// <summary>A whole orchestration as Durable runs it: the workflow over scripted steps, inside the event sequence.</summary>
    private static async Task<List<PipelineEvent>> RunOrchestrationAsync(RunStart start, string? fatal = null)
    {
        var published = new List<PipelineEvent>();
        var request = start.ToRequest(At);
        var events = new RunEvents(request, e => { published.Add(e); return Task.CompletedTask; }, () => At.AddMinutes(5));
        var steps = new ReplayingRunSteps(20, 5, fatal is null ? null : new Dictionary<int, string> { [2] = fatal });
        await events.RunAsync(() => RunWorkflow.RunAsync(steps, request, start.MaxParallelBatches, start.BatchesPerChunk), RunVerdict.Of, _ => "unexpected");
        return published;
    }

    [Fact]
    public async Task RunAsync_Completes_PublishesStartedThenCompletedWithCountsAndManifest()
    {
        var published = await RunOrchestrationAsync(Start(1));

        Assert.Equal([PipelineEventTypes.RunStarted, PipelineEventTypes.RunCompleted], published.Select(e => e.Type));
        Assert.Equal(At, published[0].OccurredAt);
        Assert.Equal(At.AddMinutes(5), published[1].OccurredAt);
        Assert.Equal("bronze/2025/01/02/20250102-daily/_manifest.json", published[1].Manifest);
        Assert.Equal(new OutcomeCounts(18, 1, 1, 0), published[1].Counts);
    }

    [Fact]
    public async Task RunAsync_FatalAnswer_PublishesRunFailedWithReason()
    {
        var published = await RunOrchestrationAsync(Start(1), "OMDb rejected the API key");

        Assert.Equal(PipelineEventTypes.RunFailed, published[^1].Type);
        Assert.Equal("OMDb rejected the API key", published[^1].Reason);
        Assert.NotNull(published[^1].Counts);
    }

    [Fact]
    public async Task MessageIds_ReplayOrRedelivery_StayTheSame()
    {
        // A replay runs the orchestrator again with the same input and history: the same events, the same ids.
        var first = await RunOrchestrationAsync(Start(1));
        var replay = await RunOrchestrationAsync(Start(1));

        Assert.Equal(first.Select(e => e.MessageId), replay.Select(e => e.MessageId));
        Assert.Equal(first, replay, (a, b) => a.MessageId == b.MessageId && a.OccurredAt == b.OccurredAt && a.Type == b.Type);
    }

    [Fact]
    public async Task MessageIds_RestartedRunOfTheSameDay_AllDiffer()
    {
        var first = await RunOrchestrationAsync(Start(1), "OMDb daily request limit reached");
        var restart = await RunOrchestrationAsync(Start(2));

        Assert.Empty(first.Select(e => e.MessageId).Intersect(restart.Select(e => e.MessageId)));
        Assert.All(first.Concat(restart), e => Assert.StartsWith("20250102-daily:", e.MessageId, StringComparison.Ordinal));
        Assert.Equal(2, first.Concat(restart).Count(e => e.Type == PipelineEventTypes.RunStarted));
    }

    [Fact]
    public async Task RunAsync_StepThrows_PublishesRunFailedAndRethrows()
    {
        var published = new List<PipelineEvent>();
        var events = new RunEvents(Start(1).ToRequest(At), e => { published.Add(e); return Task.CompletedTask; }, () => At);

        var error = await Assert.ThrowsAsync<IOException>(() => events.RunAsync<RunOutcome>(
            () => throw new IOException("storage gone"), RunVerdict.Of, e => "EnrichBatch failed: " + e.Message));

        Assert.Equal("storage gone", error.Message);
        Assert.Equal([PipelineEventTypes.RunStarted, PipelineEventTypes.RunFailed], published.Select(e => e.Type));
        Assert.Equal("EnrichBatch failed: storage gone", published[1].Reason);
    }

    [Fact]
    public async Task RunAsync_FailureWithoutReason_RethrowsWithoutRunFailed()
    {
        var published = new List<PipelineEvent>();
        var events = new RunEvents(Start(1).ToRequest(At), e => { published.Add(e); return Task.CompletedTask; }, () => At);

        await Assert.ThrowsAsync<OperationCanceledException>(() => events.RunAsync<RunOutcome>(
            () => throw new OperationCanceledException(), RunVerdict.Of, e => e is OperationCanceledException ? null : e.Message));

        Assert.Equal([PipelineEventTypes.RunStarted], published.Select(e => e.Type));
    }

    [Fact]
    public async Task Finished_VerdictFromCaller_DecidesCompletedOrFailed()
    {
        var events = new RunEvents(Start(1).ToRequest(At), _ => Task.CompletedTask, () => At);
        var counts = new OutcomeCounts(0, 0, 20, 0);

        var e = events.Finished(new RunVerdict(true, "quality: 100% of the selected movies failed", counts, "bronze/x/_manifest.json"));

        Assert.Equal(PipelineEventTypes.RunFailed, e.Type);
        Assert.Equal("quality: 100% of the selected movies failed", e.Reason);
        await Task.CompletedTask;
    }
}
