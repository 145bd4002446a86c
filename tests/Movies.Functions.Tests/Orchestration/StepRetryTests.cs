using Microsoft.DurableTask.Client;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Orchestration;

/// <summary>The app's Durable retry handler (<see cref="StepRetries"/>) on the real engine: a transient failure of an
/// activity is tried again after a durable timer, bad input is not.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StepRetryTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    [Fact]
    public async Task EnrichBatch_FailsOnceWithAnUnexpectedError_RetriedAndNoMovieLookedUpTwice()
    {
        var faults = 0;
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 6), TestSource.Titles(10), new Dictionary<string, string> { ["BATCH_SIZE"] = "5" },
            s => DurableApp.WrapLake(s, lake => new CrashingLake(lake, (container, name) =>
                container == LakeContainers.Bronze && name.EndsWith("/_batches/0002.outcome.json", StringComparison.Ordinal) && Interlocked.Increment(ref faults) == 1)));

        var start = await StartTodayAsync(app);
        var done = await app.CompletionAsync(start.InstanceId);
        var outcome = done.ReadOutputAs<RunOutcome>()!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(outcome.Succeeded);
        Assert.Equal(new OutcomeCounts(10, 0, 0, 0), outcome.Manifest.Counts);
        Assert.Equal(2, faults);
        // Batch 2 ran twice (the first try threw before writing its outcome), batch 1 once; its movies were looked up once.
        var batches = app.Journal.ActivityRuns.Where(a => a.Name == nameof(RunActivities.EnrichBatch)).Select(a => app.Converter.Deserialize<BatchWork>(a.Input)!.Batch);
        Assert.Equal([1, 2, 2], batches.Order());
        Assert.All(TestSource.Titles(10), t => Assert.Equal(1, Omdb.CallsFor(t)));
    }

    [Fact]
    public async Task SelectMovies_SourceIsNotJson_FailsAsBadInputTriedOnceAndTheRetryLeavesTheDay()
    {
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 7), TestSource.Titles(5));
        await app.Get<ILakeStore>().UploadAsync(LakeContainers.Source, "SelectMovies_SourceIsNotJson_FailsAsBadInputTriedOnceAndTheRetryLeavesTheDay.json",
            BinaryData.FromString("Title,Year\nHeat,1995\n"), overwrite: true);

        var start = await StartTodayAsync(app);
        var done = await app.CompletionAsync(start.InstanceId);
        await RetryFailedRunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.True(StepRetries.IsCausedBy(done.FailureDetails, typeof(PipelineInputException)), done.FailureDetails?.ToString());
        Assert.Contains("not valid JSON", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(app.Journal.ActivityRuns, a => a.Name == nameof(RunActivities.SelectMovies));
        // The hourly retry gives up on a day that failed on bad input: no second attempt.
        Assert.Equal(1, (await app.Client.GetInstanceAsync(start.InstanceId, getInputsAndOutputs: true))!.ReadInputAs<RunStart>()!.Attempt);
        Assert.Equal(1, app.Journal[start.InstanceId].Calls.Count(c => c.Name == nameof(RunActivities.SelectMovies)));
    }
}
