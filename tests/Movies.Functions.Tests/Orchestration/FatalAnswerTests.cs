using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Movies.Functions.Orchestration;
using Movies.Functions.Tests.Infrastructure;
using Movies.Pipeline.Bronze;
using Movies.Pipeline.Enrichment;
using Movies.Pipeline.Events;
using Movies.Pipeline.Workflow;

namespace Movies.Functions.Tests.Orchestration;

/// <summary>A run-fatal OMDb answer in the middle of a run on the real engine: the run stops, no lookup starts after
/// the answer, no later chunk starts, and the reason is in the outcome, the manifest and the event.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FatalAnswerTests(AzuriteQueuesFixture azurite) : AppTests(azurite)
{
    // 12 movies, 6 batches of 2, 2 batches per chunk (3 chunks), 2 batches at once, one OMDb request at a time in the
    // process: Film 005 opens chunk 2.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["BATCH_SIZE"] = "2",
        ["BATCHES_PER_CHUNK"] = "2",
        ["MAX_PARALLEL_BATCHES"] = "2",
        ["OMDB_MAX_CONCURRENCY"] = "1",
    };

    /// <summary>"Invalid API key!" stops the run (the rest skipped, run_failed); "Request limit reached!" closes the day's
    /// quota (the rest deferred to the next run, run_completed as partial).</summary>
    [Theory]
    [InlineData("Invalid API key!", 8, MovieOutcomes.Skipped, PipelineEventTypes.RunFailed)]
    [InlineData("Request limit reached!", 9, MovieOutcomes.Deferred, PipelineEventTypes.RunCompleted)]
    public async Task Run_RunFatalAnswerInChunkTwo_StopsWithNoFurtherLookupAndSaysWhy(string error, int day, string rest, string lastEvent)
    {
        Omdb.Script("Film 005", new StandInAnswer(401, $$"""{"Response":"False","Error":"{{error}}"}"""));
        var calls = Record();
        await using var app = await StartAppAsync(new DateOnly(2031, 1, day), TestSource.Titles(12), Settings);

        var start = await StartTodayAsync(app);
        var done = await app.CompletionAsync(start.InstanceId);
        var outcome = done.ReadOutputAs<RunOutcome>()!;
        var manifest = await ManifestAsync(app, outcome.Manifest.ManifestBlob);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains(error, rest == MovieOutcomes.Skipped ? outcome.FatalReason : outcome.DeferReason, StringComparison.Ordinal);
        Assert.Equal(rest == MovieOutcomes.Skipped ? error : null, manifest.FatalReason);
        AssertStoppedAt("Film 005", calls);
        Assert.Equal(12, manifest.Movies.Count);
        Assert.Equal(calls.Count - 1, manifest.Counts.Fetched);
        Assert.All(manifest.Movies.Where(m => m.Outcome != MovieOutcomes.Fetched), m =>
        {
            Assert.Equal(rest, m.Outcome);
            Assert.Contains(error, m.Reason, StringComparison.Ordinal);
        });
        Assert.Null(await app.Client.GetInstanceAsync(RunIds.ChunkInstance(start.InstanceId, "a1", 3)));
        var last = app.Converter.Deserialize<PipelineEvent>(app.Journal[start.InstanceId].Calls.Last(c => c.Name == nameof(RunActivities.PublishPipelineEvent)).Input)!;
        Assert.Equal(lastEvent, last.Type);
        Assert.Contains(rest == MovieOutcomes.Skipped ? error : "partial", last.Reason, StringComparison.Ordinal);
        // The stop was this attempt's, and it ended with the run: nothing of it stays in the warm worker.
        Assert.Equal(0, app.Get<RunStopSignals>().Count);
    }

    [Fact]
    public async Task Run_FatalAnswerOfFiftyThousandCharacters_CustomStatusFitsAzureStoragesLimit()
    {
        // OMDb's 401 with an error text of any length is run-fatal, and its text the reason. This engine keeps any custom
        // status; Azure Storage's task hub refuses one over 16 KB of UTF-16 (8,192 characters) and fails the episode.
        var error = new string('x', 50_000);
        Omdb.Script("Film 002", new StandInAnswer(401, $$"""{"Response":"False","Error":"{{error}}"}"""));
        await using var app = await StartAppAsync(new DateOnly(2031, 1, 17), TestSource.Titles(4), new Dictionary<string, string> { ["BATCH_SIZE"] = "2" });

        var start = await StartTodayAsync(app);
        var done = await app.CompletionAsync(start.InstanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(error, done.ReadOutputAs<RunOutcome>()!.FatalReason);
        var statuses = app.Journal[start.InstanceId].Statuses.Concat(app.Journal[RunIds.ChunkInstance(start.InstanceId, "a1", 1)].Statuses).ToList();
        Assert.Contains(statuses, s => s!.Contains("xxxx", StringComparison.Ordinal));
        Assert.All(statuses, s => Assert.InRange(s!.Length, 1, 8_192));
        Assert.InRange(done.SerializedCustomStatus!.Length, 1, 8_192);
    }

    /// <summary>The titles OMDb was asked for, in the order the requests arrived.</summary>
    private ConcurrentQueue<string> Record()
    {
        var calls = new ConcurrentQueue<string>();
        Omdb.BeforeAnswer = (_, title) =>
        {
            calls.Enqueue(title);
            return Task.CompletedTask;
        };
        return calls;
    }

    /// <summary>The fatal answer was the last request: one request at a time, so none started after it. Chunk 1's
    /// four movies came before it; at most the other batch's first movie of chunk 2 got in before it.</summary>
    private void AssertStoppedAt(string title, ConcurrentQueue<string> calls)
    {
        Assert.Equal(title, calls.Last());
        Assert.Equal(calls.Count, Omdb.TotalCalls);
        Assert.Equal(TestSource.Titles(4), calls.Take(4).Order(StringComparer.Ordinal));
        Assert.InRange(calls.Count, 5, 6);
    }
}
