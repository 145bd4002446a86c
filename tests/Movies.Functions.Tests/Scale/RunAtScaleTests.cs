using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Workflow;
using Xunit.Abstractions;

namespace Movies.Functions.Tests.Scale;

/// <summary>The run's orchestrations at scale on the real Durable engine: the app's own orchestrator functions
/// (<see cref="MoviesOrchestrator"/>, one <see cref="ChunkOrchestrator"/> per chunk) over scripted activities
/// (<see cref="ScriptedSteps"/>), so what is measured is the orchestration: its instances, its calls, its replays.</summary>
public sealed class RunAtScaleTests(ITestOutputHelper output) : IDisposable
{
    private const int BatchSize = 5;
    private const int Chunk = WorkflowOptions.DefaultBatchesPerChunk;
    private const string RunId = "20250102-daily";

    /// <summary>The run instance schedules, besides its chunks: select, manifest, run_started and run_completed.</summary>
    private const int RunInstanceCallsBesideChunks = 4;

    private readonly TempFolder _lake = new();

    public void Dispose() => _lake.Dispose();

    /// <summary>Calls replayed (made again by an episode over the history before it) are at most B × (c + B / c) for B
    /// batches in chunks of c: a chunk replays at most its c calls in each of its c episodes, the run instance its C = B / c
    /// chunk calls in each of its C episodes. One instance holding every batch call would replay up to B².</summary>
    private static double Bound(long batches, int chunk) => batches * (chunk + ((double)batches / chunk));

    [Fact]
    public async Task Run_1kAnd5kMovies_EachInstanceBoundedReplayLinear()
    {
        output.WriteLine("N movies | batches | chunks | instances | most batch calls in an instance | calls of the run | episodes | replayed calls | bound B×(c+B/c) | ratio | s");
        var replayed = new Dictionary<int, long>();
        foreach (var n in new[] { 1_000, 5_000 })
        {
            var steps = new ScriptedSteps(n, BatchSize);
            var clock = Stopwatch.StartNew();
            await using var app = await StartAsync(steps);
            var done = await RunAsync(app, n, Chunk);
            var seconds = clock.Elapsed.TotalSeconds;

            var chunks = (steps.Batches + Chunk - 1) / Chunk;
            var run = app.Journal[RunId];
            var chunkInstances = app.Journal.Instances.Where(i => i.Id != RunId).ToList();
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(new OutcomeCounts(n, 0, 0, 0), done.ReadOutputAs<RunOutcome>()!.Manifest.Counts);
            Assert.Equal(Enumerable.Range(1, steps.Batches), steps.Runs.Keys.Order());
            Assert.All(steps.Runs.Values, runs => Assert.Equal(1, runs));
            // No chunk instance calls more than a chunk of batches; the run instance one sub-orchestration per chunk and
            // its four steps; nothing else grows with N.
            Assert.Equal(chunks, chunkInstances.Count);
            Assert.All(chunkInstances, i => Assert.Equal(i.Calls.Count, i.ActivityCalls(nameof(RunActivities.EnrichBatch))));
            Assert.Equal(Chunk, chunkInstances.Max(i => i.Calls.Count));
            Assert.Equal((RunInstanceCallsBesideChunks, chunks), (run.Calls.Count - run.ActivityCalls(nameof(ChunkOrchestrator)), run.ActivityCalls(nameof(ChunkOrchestrator))));

            replayed[n] = app.Journal.Instances.Sum(i => i.ReplayedCalls);
            var episodes = app.Journal.Instances.Sum(i => i.Episodes);
            var bound = Bound(steps.Batches, Chunk);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,8} | {steps.Batches,7} | {chunks,6} | {app.Journal.Instances.Count,9} | {chunkInstances.Max(i => i.Calls.Count),31} | {run.Calls.Count,16} | {episodes,8} | {replayed[n],14} | {bound,15:F0} | {replayed[n] / bound:F3} | {seconds:F1}"));
            Assert.True(replayed[n] <= bound, $"{replayed[n]} calls replayed at N = {n}, over the bound {bound:F0}");
        }

        // Linear: five times the movies, about five times the replay (not 25).
        Assert.InRange((double)replayed[5_000] / replayed[1_000], 3.5, 7.0);
    }

    [Fact]
    public async Task Run_AllBatchesInOneInstance_ReplayGrowsQuadraticallyAndBreaksTheBound()
    {
        // The shape chunks replaced, for contrast: every batch of the run in one instance.
        var replayed = new Dictionary<int, long>();
        foreach (var n in new[] { 1_000, 3_000 })
        {
            var steps = new ScriptedSteps(n, BatchSize);
            await using var app = await StartAsync(steps);
            await RunAsync(app, n, batchesPerChunk: steps.Batches);
            replayed[n] = app.Journal.Instances.Sum(i => i.ReplayedCalls);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} movies, all {steps.Batches} batches in one instance: {replayed[n]} calls replayed, chunked bound {Bound(steps.Batches, Chunk):F0}"));
            Assert.Equal(steps.Batches, app.Journal.Instances.Max(i => i.ActivityCalls(nameof(RunActivities.EnrichBatch))));
        }

        Assert.True(replayed[3_000] > 6 * replayed[1_000], $"three times the movies, {(double)replayed[3_000] / replayed[1_000]:F1} times the replay");
        Assert.True(replayed[3_000] > Bound(3_000 / BatchSize, Chunk), $"{replayed[3_000]} replayed, bound {Bound(3_000 / BatchSize, Chunk):F0}");
    }

    [Fact]
    public async Task Run_OneSlowBatch_OthersAllCompleteWhileItIsInFlight()
    {
        // 20 batches in one chunk, 4 in flight; batch 2 finishes only once the 19 others have. In waves of four this
        // would never end; in a sliding window the other three slots keep going.
        var others = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = 0;
        var steps = new ScriptedSteps(100, BatchSize)
        {
            BeforeBatch = async batch =>
            {
                if (batch == 2)
                {
                    await others.Task;
                }
                else if (Interlocked.Increment(ref done) == 19)
                {
                    others.TrySetResult();
                }
            },
        };
        await using var app = await StartAsync(steps);

        var finished = await RunAsync(app, 100, Chunk);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(19, done);
        Assert.Equal(new OutcomeCounts(100, 0, 0, 0), finished.ReadOutputAs<RunOutcome>()!.Manifest.Counts);
    }

    [Fact]
    public async Task Run_WindowOfFour_NeverMoreThanFourBatchesInFlight()
    {
        var steps = new ScriptedSteps(300, BatchSize) { BeforeBatch = batch => Task.Delay(5 + (batch * 7 % 20)) };
        await using var app = await StartAsync(steps);

        await RunAsync(app, 300, batchesPerChunk: 30);

        Assert.Equal(4, steps.MaxInFlight);
        Assert.Equal(60, steps.Runs.Count);
    }

    [Fact]
    public async Task Run_FatalAnswerInSecondChunk_NoBatchStartsAfterItAndNoLaterChunk()
    {
        var steps = new ScriptedSteps(2_000, BatchSize, new Dictionary<int, string> { [150] = "Request limit reached!" });
        await using var app = await StartAsync(steps);

        var done = await RunAsync(app, 2_000, Chunk);
        var outcome = done.ReadOutputAs<RunOutcome>()!;
        var chunk2 = app.Journal[RunIds.ChunkInstance(RunId, "a1", 2)];

        Assert.Equal("Request limit reached!", outcome.FatalReason);
        Assert.Equal(3, app.Journal.Instances.Count);
        // In chunk 2's own order of events: once its progress shows the fatal answer, it starts no batch.
        var entries = chunk2.Entries;
        var learnt = entries.ToList().FindIndex(e => e.Kind == InstanceJournal.Status && app.Converter.Deserialize<RunProgress>(e.Json)!.FatalReason is not null);
        Assert.True(learnt > 0);
        Assert.DoesNotContain(entries.Skip(learnt), e => e.Kind == InstanceJournal.Call);
        // Every movie of a batch that never started is accounted for as skipped.
        Assert.Contains(150, steps.Runs.Keys);
        Assert.Equal((steps.Runs.Count - 1) * BatchSize, outcome.Manifest.Counts.Fetched);
        Assert.Equal(2_000 - outcome.Manifest.Counts.Fetched, outcome.Manifest.Counts.Skipped);
    }

    [Fact]
    public async Task Run_Progress_RunAfterEachChunkChunksAfterEachBatchAsTheRunsFigures()
    {
        var steps = new ScriptedSteps(1_250, BatchSize);
        await using var app = await StartAsync(steps);

        await RunAsync(app, 1_250, Chunk);

        var run = app.Journal[RunId].Statuses.Select(s => app.Converter.Deserialize<RunProgress>(s)!).ToList();
        Assert.Equal(
            [(0, 0, "enriching"), (100, 1, "enriching"), (200, 2, "enriching"), (250, 3, "enriching"), (250, 3, "bronze complete")],
            run.Select(p => (p.BatchesDone, p.Chunk, p.Stage)));
        Assert.All(run, p => Assert.Equal((250, 3), (p.BatchesTotal, p.Chunks)));
        Assert.Equal(new OutcomeCounts(1_000, 0, 0, 0), run[2].Counts);
        var second = app.Journal[RunIds.ChunkInstance(RunId, "a1", 2)].Statuses.Select(s => app.Converter.Deserialize<RunProgress>(s)!).ToList();
        Assert.Equal(Enumerable.Range(101, 100), second.Select(p => p.BatchesDone));
        Assert.All(second, p => Assert.Equal((2, 3, p.BatchesDone * BatchSize), (p.Chunk, p.Chunks, p.Counts.Fetched)));
    }

    [Fact]
    public async Task Run_Twice_SameInstancesAndCalls()
    {
        var journals = new List<OrchestrationJournal>();
        foreach (var delay in new[] { 1, 7 })
        {
            var steps = new ScriptedSteps(1_000, BatchSize) { BeforeBatch = batch => Task.Delay(batch % delay) };
            var app = await StartAsync(steps);
            await using (app)
            {
                await RunAsync(app, 1_000, batchesPerChunk: 40);
                journals.Add(app.Journal);
            }
        }

        Assert.Equal(journals[0].Instances.Select(i => i.Id).Order(StringComparer.Ordinal), journals[1].Instances.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(journals[0].Instances, i => Assert.Equal(Comparable(i), Comparable(journals[1][i.Id])));
    }

    /// <summary>An instance's calls without the times they carry (the orchestration's start time, in the request and the
    /// events): everything else must be equal.</summary>
    private static List<(string Name, string? Input)> Comparable(InstanceJournal instance)
        => [.. instance.Calls.Select(c => (c.Name, WithoutTimes(JsonNode.Parse(c.Input ?? "null"))?.ToJsonString()))];

    private static JsonNode? WithoutTimes(JsonNode? node)
    {
        if (node is JsonObject json)
        {
            json.Remove("StartedAt");
            json.Remove("OccurredAt");
            foreach (var (_, value) in json)
            {
                WithoutTimes(value);
            }
        }

        return node;
    }

    private async Task<DurableApp> StartAsync(ScriptedSteps steps)
        => await DurableApp.StartAsync(new Dictionary<string, string?> { ["LAKE_PATH"] = _lake.Path }, tasks: (registry, _) => steps.Register(registry));

    private static async Task<OrchestrationMetadata> RunAsync(DurableApp app, int topN, int batchesPerChunk)
    {
        var start = new RunStart(RunId, topN, BatchSize, MaxParallelBatches: 4, MaxRetries: 3, BaseDelaySeconds: 0, Attempt: 1, BatchesPerChunk: batchesPerChunk);
        await app.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MoviesOrchestrator), start, new StartOrchestrationOptions(InstanceId: RunId));
        return await app.CompletionAsync(RunId, TimeSpan.FromMinutes(5));
    }
}
