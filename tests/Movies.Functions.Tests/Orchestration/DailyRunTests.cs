using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Events;
using Movies.Pipeline.Lake;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Orchestration;

/// <summary>A whole daily run of the app on the real Durable engine: the app's starter, orchestrators and activities
/// over Azurite and the OMDb stand-in.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DailyRunTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    [Fact]
    public async Task DailyRun_TwelveBatchesInThreeChunks_EveryMovieInBronzeEventsInOrderProgressWhileItRuns()
    {
        var titles = TestSource.Titles(24);
        // The first movie of chunk 2 is held until the test has read the run's progress after chunk 1.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Omdb.BeforeAnswer = async (_, title) =>
        {
            if (title == "Film 009")
            {
                holding.TrySetResult();
                await held.Task;
            }
        };
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 5), titles, new Dictionary<string, string>
        {
            ["BATCH_SIZE"] = "2",
            ["BATCHES_PER_CHUNK"] = "4",
            ["MAX_PARALLEL_BATCHES"] = "2",
        });
        RunProgress? whileRunning;
        try
        {
            var start = await StartTodayAsync(app);
            Assert.Equal((StartAction.Start, "20310105-daily"), (start.Decision.Action, start.InstanceId));
            await holding.Task.WaitAsync(TimeSpan.FromMinutes(2));
            var running = (await app.Client.GetInstanceAsync(start.InstanceId, getInputsAndOutputs: true))!;
            whileRunning = running.ReadCustomStatusAs<RunProgress>();
            // The status is the app's serializer's JSON (property names as declared), not the engine's default (camelCase).
            Assert.True(running.SerializedCustomStatus!.Contains("\"BatchesDone\":4", StringComparison.Ordinal), running.SerializedCustomStatus);
        }
        finally
        {
            held.TrySetResult();
        }

        var done = await app.CompletionAsync("20310105-daily");
        var outcome = done.ReadOutputAs<RunOutcome>()!;

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new RunProgress("20310105-daily", "enriching", 4, 12, new OutcomeCounts(8, 0, 0, 0), null, 1, 3), whileRunning);
        Assert.True(outcome.Succeeded);
        Assert.Equal(new OutcomeCounts(24, 0, 0, 0), outcome.Manifest.Counts);
        var manifest = await ManifestAsync(app, outcome.Manifest.ManifestBlob);
        Assert.Equal(titles, manifest.Movies.Select(m => m.Title));
        var bronze = await NamesAsync(app, LakeContainers.Bronze, outcome.Plan.RunFolder + "/");
        Assert.Equal(manifest.Movies.Select(m => m.Blob).Order(StringComparer.Ordinal), bronze.Where(n => !n[(outcome.Plan.RunFolder.Length + 1)..].StartsWith('_')));
        Assert.All(titles, t => Assert.Equal(1, Omdb.CallsFor(t)));

        // What the run scheduled, in order (this host keeps no history to read back: the orchestrator's calls are journaled
        // as it makes them): run_started before anything, one sub-orchestration per chunk, the manifest, run_completed.
        Assert.Equal(
            [nameof(RunActivities.PublishPipelineEvent), nameof(RunActivities.SelectMovies), nameof(ChunkOrchestrator), nameof(ChunkOrchestrator), nameof(ChunkOrchestrator),
                nameof(RunActivities.WriteRunManifest), nameof(RunActivities.PublishPipelineEvent)],
            app.Journal["20310105-daily"].Calls.Select(c => c.Name));
        var published = app.Journal["20310105-daily"].Calls.Where(c => c.Name == nameof(RunActivities.PublishPipelineEvent))
            .Select(c => app.Converter.Deserialize<PipelineEvent>(c.Input)!.Type).ToList();
        Assert.Equal([PipelineEventTypes.RunStarted, PipelineEventTypes.RunCompleted], published);
        for (var chunk = 1; chunk <= 3; chunk++)
        {
            var id = RunIds.ChunkInstance("20310105-daily", "a1", chunk);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await app.Client.GetInstanceAsync(id))!.RuntimeStatus);
            Assert.Equal(Enumerable.Repeat(nameof(RunActivities.EnrichBatch), 4), app.Journal[id].Calls.Select(c => c.Name));
        }

        var events = await NamesAsync(app, LakeContainers.Events, "2031/01/05/20310105-daily/");
        Assert.Equal(2, events.Count);
        Assert.Contains(events, e => e.Contains(PipelineEventTypes.RunStarted, StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains(PipelineEventTypes.RunCompleted, StringComparison.Ordinal));
    }
}
