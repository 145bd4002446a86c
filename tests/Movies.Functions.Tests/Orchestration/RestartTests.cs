using Microsoft.DurableTask.Client;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Orchestration;

/// <summary>A day started again in the same process (a warm worker), the ways the app starts a day again: it must not
/// inherit the first life's stop, and must not look up what that life fetched.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RestartTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    private static readonly Dictionary<string, string> OneAtATime = new()
    {
        ["BATCH_SIZE"] = "5",
        ["MAX_PARALLEL_BATCHES"] = "1",
        ["OMDB_MAX_CONCURRENCY"] = "1",
    };

    [Fact]
    public async Task RetryFailedRun_AttemptOneMetInvalidKeyThenFailed_AttemptTwoLooksUpTheRestOnce()
    {
        // Attempt 1: "Invalid API key!" at Film 003 (the key was rotated meanwhile), then its manifest cannot be written
        // (every try of the activity fails), so the run fails before its end. The hourly retry starts attempt 2 here.
        Omdb.Script("Film 003", StandInAnswer.InvalidKey, StandInAnswer.Found("Film 003", 1998));
        var manifestFaults = 0;
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 10), TestSource.Titles(10), OneAtATime,
            s => DurableApp.WrapLake(s, lake => new CrashingLake(lake, (container, name) =>
                container == LakeContainers.Bronze && BronzePaths.IsManifest(name) && Interlocked.Increment(ref manifestFaults) <= 4)));

        var first = await StartTodayAsync(app);
        var failed = await app.CompletionAsync(first.InstanceId);
        await RetryFailedRunAsync(app);
        await WaitUntilAsync(async () => (await app.Client.GetInstanceAsync(first.InstanceId, getInputsAndOutputs: true))?.ReadInputAs<RunStart>()?.Attempt == 2, "attempt 2 starts");
        var done = await app.CompletionAsync(first.InstanceId);
        var outcome = done.ReadOutputAs<RunOutcome>()!;

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(outcome.Succeeded, outcome.FatalReason);
        Assert.Equal(new OutcomeCounts(10, 0, 0, 0), outcome.Manifest.Counts);
        Assert.All(TestSource.Titles(10), t => Assert.Equal(t == "Film 003" ? 2 : 1, Omdb.CallsFor(t)));
        Assert.True(app.Journal.Contains(RunIds.ChunkInstance(first.InstanceId, "a2", 1)));
        var events = app.Journal[first.InstanceId].Calls.Where(c => c.Name == nameof(RunActivities.PublishPipelineEvent))
            .Select(c => app.Converter.Deserialize<PipelineEvent>(c.Input)!)
            .Select(e => (e.Type, Array.FindIndex(["a1", "a2"], a => e.MessageId == PipelineEvent.MessageIdOf(first.InstanceId, e.Type, a)) + 1));
        Assert.Equal([(PipelineEventTypes.RunStarted, 1), (PipelineEventTypes.RunFailed, 1), (PipelineEventTypes.RunStarted, 2), (PipelineEventTypes.RunCompleted, 2)], events);
    }
}
