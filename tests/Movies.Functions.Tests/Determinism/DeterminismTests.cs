using System.Reflection;
using Microsoft.DurableTask.Client;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Determinism;

/// <summary>Orchestrator code replays deterministically: no clock, GUID, randomness, wait, thread hop or I/O anywhere it
/// reaches (checked in the compiled IL, so an addition deep in the engine's workflow fails here), and on the real engine a
/// run whose run orchestration waits on one chunk after another replays to the same calls every time.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeterminismTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    public static TheoryData<string, string> Broken() => new()
    {
        { nameof(BadOrchestrators.ReadsTheClockInAHelper), "wall clock: System.DateTime::get_UtcNow" },
        { nameof(BadOrchestrators.MakesAGuidInALambda), "GUID: System.Guid::NewGuid" },
        { nameof(BadOrchestrators.ReadsTheLake), "I/O (the lake): Movies.Pipeline.Lake.ILakeStore::ExistsAsync" },
        { nameof(BadOrchestrators.LeavesItsThread), "leaves the orchestrator's thread" },
        { nameof(BadOrchestrators.WaitsOnTheWallClock), "wall-clock wait: System.Threading.Tasks.Task::Delay" },
        { nameof(BadOrchestrators.RunsTheStepsInProcess), "I/O (the lake)" },
    };

    [Fact]
    public void AppOrchestrators_EverythingTheyReach_NoClockGuidWaitThreadHopOrIo()
    {
        var code = OrchestratorCode.Analyse([.. AppFunctions.Orchestrators]);

        Assert.True(code.Violations.Count == 0, string.Join("\n", code.Violations));
        // It looked where the logic is: the engine's workflow, the Durable steps and the retry handler.
        Assert.Equal(["ChunkOrchestrator", "MoviesOrchestrator"], AppFunctions.Orchestrators.Select(AppFunctions.NameOf).Order(StringComparer.Ordinal));
        Assert.Contains(code.Reached, m => m.StartsWith("Movies.Pipeline.Workflow.RunWorkflow/<RunAsync>", StringComparison.Ordinal) && m.EndsWith("::MoveNext", StringComparison.Ordinal));
        Assert.Contains(code.Reached, m => m.StartsWith("Movies.Pipeline.Workflow.ChunkWorkflow/<RunAsync>", StringComparison.Ordinal) && m.EndsWith("::MoveNext", StringComparison.Ordinal));
        Assert.Contains("Movies.Functions.Orchestration.DurableRunSteps::EnrichBatchAsync", code.Reached);
        Assert.Contains("Movies.Pipeline.Events.RunEvents::Started", code.Reached);
        Assert.Contains(code.Reached, m => m.StartsWith("Movies.Functions.Orchestration.StepRetries/<RetryAsync>", StringComparison.Ordinal));
        Assert.DoesNotContain(code.Reached, m => m.StartsWith("Movies.Pipeline.Workflow.InProcessRunSteps", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Orchestrator_ThatBreaksARule_IsFoundWithWhatItCalls(string orchestrator, string expected)
    {
        var code = OrchestratorCode.Analyse(typeof(BadOrchestrators).GetMethod(orchestrator, BindingFlags.Public | BindingFlags.Static)!);

        Assert.Contains(code.Violations, v => v.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DailyRun_RunWaitsOnChunkAfterChunkAndARetryTimer_ReplaysToTheSameCallsEachTime()
    {
        // 3 chunks; batch 3 (chunk 2) fails once, so its retry waits on a durable timer of 1 s.
        var faults = 0;
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 15), TestSource.Titles(12),
            new Dictionary<string, string> { ["BATCH_SIZE"] = "2", ["BATCHES_PER_CHUNK"] = "2", ["BASE_DELAY_SECONDS"] = "1" },
            s => DurableApp.WrapLake(s, lake => new CrashingLake(lake, (_, name) =>
                name.EndsWith("/_batches/0003.outcome.json", StringComparison.Ordinal) && Interlocked.Increment(ref faults) == 1)));

        var start = await StartTodayAsync(app);
        var done = await app.CompletionAsync(start.InstanceId);
        var run = app.Journal[start.InstanceId];
        var chunk2 = app.Journal[RunIds.ChunkInstance(start.InstanceId, "a1", 2)];

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<RunOutcome>()!.Succeeded);
        // The run orchestrator ran again after each step it awaited, replaying what came before, and scheduled each step once.
        Assert.Equal(
            [nameof(RunActivities.PublishPipelineEvent), nameof(RunActivities.SelectMovies), nameof(ChunkOrchestrator), nameof(ChunkOrchestrator), nameof(ChunkOrchestrator),
                nameof(RunActivities.WriteRunManifest), nameof(RunActivities.PublishPipelineEvent)],
            run.Calls.Select(c => c.Name));
        Assert.Equal(run.Episodes - 1, run.ReplayingEpisodes);
        Assert.True(run.Episodes >= 7, $"{run.Episodes} episodes");
        Assert.True(run.ReplayedCalls >= 6, $"{run.ReplayedCalls} calls replayed");
        // Chunk 2 replayed across its failed try and the timer of its retry: one more episode than its two batches need.
        Assert.Equal(2, faults);
        Assert.Equal([3, 4], chunk2.Calls.Select(c => app.Converter.Deserialize<BatchWork>(c.Input)!.Batch).Order());
        Assert.True(chunk2.Episodes >= 4, $"{chunk2.Episodes} episodes of chunk 2");
    }

    [Fact]
    public async Task Engine_OrchestratorThatCallsOtherwiseOnReplay_FailsAsNonDeterministic()
    {
        // What makes the completed runs above evidence: this engine checks every replay against the history.
        var executions = 0;
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 16), TestSource.Titles(1), tasks: (registry, _) =>
        {
            registry.AddActivityFunc<string>("First", _ => "first");
            registry.AddActivityFunc<string>("Second", _ => "second");
            registry.AddOrchestratorFunc<string>("ChangesItsMind", async context =>
            {
                var name = Interlocked.Increment(ref executions) == 1 ? "First" : "Second";
                await context.CallActivityAsync<string>(name);
                return await context.CallActivityAsync<string>("Second");
            });
        });

        var id = await app.Client.ScheduleNewOrchestrationInstanceAsync("ChangesItsMind");
        var done = await app.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("NonDeterministic", done.FailureDetails!.ErrorType, StringComparison.Ordinal);
    }
}
