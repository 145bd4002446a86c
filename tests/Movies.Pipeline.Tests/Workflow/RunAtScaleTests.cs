using System.Diagnostics;
using System.Globalization;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Workflow;
using Xunit.Abstractions;

namespace Movies.Pipeline.Tests.Workflow;

/// <summary>The run's orchestrations at scale, in <see cref="DurableReplayHost"/>: the engine's orchestrator code over
/// scripted activities, replayed as Durable replays it after every completed task.</summary>
public sealed class RunAtScaleTests(ITestOutputHelper output)
{
    private const int BatchSize = 5;
    private const int Chunk = WorkflowOptions.DefaultBatchesPerChunk;

    /// <summary>The run instance schedules, besides its chunks: select, manifest, run_started and run_completed.</summary>
    private const int RunInstanceCallsBesideChunks = 4;

    /// <summary>K in: replayed events ≤ K × N × (chunk + N / (batch size × chunk)). The chunks replay about
    /// 2 × 2 events per batch call (scheduled, completed, and each episode's two markers) over half their history on
    /// average: 40 × N at chunk 100; the run instance about 2 × C² for C chunks. K = 1 leaves room for the constant
    /// events; the flat orchestration this replaced (one instance, every batch in it) breaks it from 2.5k on.</summary>
    private const double K = 1.0;

    private static RunStart Start(int topN, int maxParallelBatches = 4, int batchesPerChunk = Chunk)
        => new("20250102-daily", topN, BatchSize, maxParallelBatches, 3, 2, 1, batchesPerChunk);

    private static double Bound(long n) => K * n * (Chunk + ((double)n / (BatchSize * Chunk)));

    [Fact]
    public void Run_1kTo100kMovies_EveryInstanceBoundedAndReplayWithinTheBound()
    {
        output.WriteLine("N movies | batches | chunks | instances | max calls (chunk) | calls (run) | replayed events | bound N×(c+N/(b×c)) | ratio | cpu ms");
        foreach (var n in new[] { 1_000, 10_000, 100_000 })
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var host = new DurableReplayHost(BatchSize);
            var outcome = host.Run(Start(n), n);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

            var batches = n / BatchSize;
            var chunks = (batches + Chunk - 1) / Chunk;
            var run = host.Instances[0];
            var chunkInstances = host.Instances.Skip(1).ToList();
            Assert.True(outcome.Succeeded);
            Assert.Equal(new OutcomeCounts(n, 0, 0, 0), outcome.Manifest.Counts);
            Assert.Equal(batches, host.Batches.Count);
            Assert.All(host.Batches.Values, b => Assert.Equal(1, b.Runs));
            Assert.Equal(chunks, chunkInstances.Count);
            Assert.All(host.Instances, i => Assert.True(i.Done, $"{i.Id} never completed"));

            // The bounds: no chunk instance calls more than a chunk of batches, the run instance one call per chunk
            // and its four steps; nothing else grows with N.
            Assert.Equal(Chunk, chunkInstances.Max(i => i.ActivityCalls));
            Assert.All(chunkInstances, i => Assert.Equal(0, i.SubOrchestrationCalls));
            Assert.Equal((RunInstanceCallsBesideChunks, chunks), (run.ActivityCalls, run.SubOrchestrationCalls));
            Assert.Equal(batches, chunkInstances.Sum(i => i.ActivityCalls));
            Assert.InRange(host.Instances.Max(i => i.ActivityCalls), 1, Chunk);

            var replayed = host.ReplayedEvents;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n,8} | {batches,7} | {chunks,6} | {host.Instances.Count,9} | {chunkInstances.Max(i => i.ActivityCalls),17} | {run.ActivityCalls + run.SubOrchestrationCalls,11} | {replayed,15} | {Bound(n),19:F0} | {replayed / Bound(n):F3} | {cpuMs:F0}"));
            Assert.True(replayed <= Bound(n), $"{replayed} events replayed at N = {n}, over the bound {Bound(n):F0}");
        }
    }

    [Fact]
    public void Run_AllBatchesInOneInstance_ReplayGrowsQuadraticallyAndBreaksTheBound()
    {
        // The shape this replaced, for contrast: every batch in one instance (one chunk holding the whole run).
        var replayed = new Dictionary<int, long>();
        foreach (var n in new[] { 1_000, 2_500 })
        {
            var host = new DurableReplayHost(BatchSize);
            host.Run(Start(n, batchesPerChunk: n / BatchSize), n);
            replayed[n] = host.ReplayedEvents;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} movies, all {n / BatchSize} batches in one instance: {host.ReplayedEvents} events replayed, bound {Bound(n):F0}"));
            Assert.Equal(n / BatchSize, host.Instances.Max(i => i.ActivityCalls));
        }

        Assert.True(replayed[2_500] > 6 * replayed[1_000], "2.5 times the movies, over 6 times the replay");
        Assert.True(replayed[2_500] > Bound(2_500));
    }

    [Fact]
    public void Run_OneSlowBatch_OthersAllCompleteWhileItIsInFlight()
    {
        // 20 batches in one chunk, 4 in flight; batch 2 takes 1,000 ticks, the others 1.
        var host = new DurableReplayHost(BatchSize, batch => batch == 2 ? 1_000 : 1);

        var outcome = host.Run(Start(100), 100);

        var slow = host.Batches[2];
        var others = host.Batches.Where(b => b.Key != 2).Select(b => b.Value).ToList();
        Assert.True(outcome.Succeeded);
        Assert.Equal(19, others.Count);
        Assert.All(others, b => Assert.True(b.Finished < slow.Finished, "a batch waited for the slow one"));
        // Its three free slots stayed busy: 19 one-tick batches three at a time, started in 7 ticks, done by the 7th.
        var first = slow.Started;
        Assert.Equal(first, others.Min(b => b.Started));
        Assert.Equal([3, 3, 3, 3, 3, 3, 1], Enumerable.Range(0, 7).Select(tick => others.Count(b => b.Started == first + tick)));
        Assert.Equal(first + 7, others.Max(b => b.Finished));
    }

    [Fact]
    public void Run_WindowOfFour_NeverMoreThanFourBatchesInFlight()
    {
        var host = new DurableReplayHost(BatchSize, batch => 1 + (batch * 7 % 5));

        host.Run(Start(500, batchesPerChunk: 30), 500);

        var ticks = host.Batches.Values.SelectMany(b => new[] { b.Started, b.Finished }).Distinct().Order();
        var inFlight = ticks.Select(t => host.Batches.Values.Count(b => b.Started <= t && t < b.Finished)).ToList();
        Assert.Equal(4, inFlight.Max());
        Assert.Equal(100, host.Batches.Count);
    }

    [Fact]
    public void Run_FatalAnswerInSecondChunk_NoLaterBatchOrChunkStarts()
    {
        var host = new DurableReplayHost(BatchSize, fatalByBatch: new Dictionary<int, string> { [150] = "Request limit reached!" });

        var outcome = host.Run(Start(5_000), 5_000);

        Assert.Equal("Request limit reached!", outcome.FatalReason);
        // 149 to 152 started together; 149 answered first and 153 took its slot; after 150's answer nothing starts.
        Assert.Equal(153, host.Batches.Keys.Max());
        Assert.Equal(3, host.Instances.Count);
        Assert.Equal(5_000 - (152 * BatchSize), outcome.Manifest.Counts.Skipped);
    }

    [Fact]
    public void Run_Progress_RunInstanceAfterEachChunkChunkInstancesAfterEachBatchAsTheRunsFigures()
    {
        var host = new DurableReplayHost(BatchSize);

        host.Run(Start(1_250), 1_250);

        var run = host.Instances[0].Statuses;
        Assert.Equal(
            [(0, 0, "enriching"), (100, 1, "enriching"), (200, 2, "enriching"), (250, 3, "enriching"), (250, 3, "bronze complete")],
            run.Select(p => (p.BatchesDone, p.Chunk, p.Stage)));
        Assert.All(run, p => Assert.Equal((250, 3), (p.BatchesTotal, p.Chunks)));
        Assert.Equal(new OutcomeCounts(1_000, 0, 0, 0), run[2].Counts);

        var second = host.Instances.Single(i => i.Id == "20250102-daily:a1:chunk-0002").Statuses;
        Assert.Equal(Enumerable.Range(101, 100), second.Select(p => p.BatchesDone));
        Assert.All(second, p => Assert.Equal((2, 3, p.BatchesDone * BatchSize), (p.Chunk, p.Chunks, p.Counts.Fetched)));
    }

    [Fact]
    public void Host_OrchestratorThatCallsOtherwiseOnReplay_FailsAsInDurable()
    {
        // The host's check is what makes its replay counts mean something: a replay must make the same calls.
        var executions = 0;
        var host = new DurableReplayHost(BatchSize);

        var error = Assert.Throws<InvalidOperationException>(() => host.RunOrchestration("x", Start(10), 10, async steps =>
        {
            executions++;
            await steps.EnrichBatchAsync(new BatchWork("x", DurableReplayHost.RunFolder, executions, "a1"));
            return await steps.EnrichBatchAsync(new BatchWork("x", DurableReplayHost.RunFolder, 2, "a1"));
        }));

        Assert.StartsWith("Non-deterministic orchestrator x: call 0 is EnrichBatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Twice_SameInstancesAndCalls()
    {
        var first = new DurableReplayHost(BatchSize, batch => 1 + (batch % 3));
        var second = new DurableReplayHost(BatchSize, batch => 1 + (batch % 3));

        first.Run(Start(2_000), 2_000);
        second.Run(Start(2_000), 2_000);

        Assert.Equal(first.Instances.Select(i => i.Id), second.Instances.Select(i => i.Id));
        Assert.Equal(first.Instances.SelectMany(i => i.Calls), second.Instances.SelectMany(i => i.Calls));
        Assert.Equal(first.ReplayedEvents, second.ReplayedEvents);
    }
}
